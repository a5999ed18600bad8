package io.drover.master.allocator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Dominant Resource Fairness ordering of clients (roles, or frameworks within a role), hierarchical when asked.
 *
 * <p>A client's share is {@code max over scalar kinds k of allocated[k] / total[k]}, divided by its weight; kinds in
 * {@code excludedNames} and kinds with zero total are ignored (ports are ranges, so never counted). With hierarchy,
 * {@code a/b} is a child of {@code a}: siblings are ordered by the share of their whole subtree, and a role that has
 * clients of its own and also children competes with its children through a virtual leaf holding only its own
 * allocation (as Mesos' sorter does). Ties break by allocation count (fewer first), then by name.
 *
 * <p>Cost: {@link #sort()} is O(n log n) over the tree and is cached until an allocation, weight, total or client
 * changes. Not thread-safe: owned by the allocator's single thread.
 */
public final class DrfSorter {
  private final boolean hierarchical;
  private final Set<String> excludedNames;
  private final Node root = new Node("", null);
  private final Map<String, Node> nodes = new HashMap<>();
  private final Map<String, Double> weights = new HashMap<>();
  private Map<String, Long> totals = Map.of();
  private List<String> cachedOrder;
  /** Bumped when totals or weights change, invalidating every node's cached shares at once. */
  private long version;

  private static final class Node {
    final String path;
    final Node parent;
    final TreeMap<String, Node> children = new TreeMap<>();
    final Map<String, Long> subtreeAllocation = new HashMap<>();
    final Map<String, Long> ownAllocation = new HashMap<>();
    long subtreeCount;
    long ownCount;
    boolean client;
    int clientsInSubtree;
    /** Cached weighted shares; valid while {@code shareVersion == sorter.version} and no allocation changed. */
    double ownShare;
    double subtreeShare;
    long shareVersion = -1;

    Node(String path, Node parent) {
      this.path = path;
      this.parent = parent;
    }
  }

  /** @param hierarchical whether {@code /} in names builds a tree (roles) or names are opaque (frameworks) */
  public DrfSorter(boolean hierarchical, Set<String> excludedNames) {
    this.hierarchical = hierarchical;
    this.excludedNames = Set.copyOf(excludedNames);
  }

  /** The pool that shares are measured against: the scalar totals of all agents, in millis. */
  public void setTotals(Map<String, Long> totalsMillis) {
    this.totals = new HashMap<>(totalsMillis);
    version++;
    cachedOrder = null;
  }

  /** Weight of a name (default 1.0); applies whether or not the name is a client. */
  public void setWeight(String name, double weight) {
    if (!(weight > 0) || Double.isInfinite(weight)) throw new IllegalArgumentException("weight must be > 0: " + weight);
    if (weight == 1.0) weights.remove(name); else weights.put(name, weight);
    version++;
    cachedOrder = null;
  }

  public double weight(String name) { return weights.getOrDefault(name, 1.0); }

  /** Makes {@code client} take part in {@link #sort()}; idempotent. */
  public void add(String client) {
    Node n = node(client, true);
    if (n.client) return;
    n.client = true;
    for (Node p = n; p != null; p = p.parent) p.clientsInSubtree++;
    cachedOrder = null;
  }

  /** Takes {@code client} out of the order; its allocation stays recorded until unallocated. */
  public void remove(String client) {
    Node n = nodes.get(client);
    if (n == null || !n.client) return;
    n.client = false;
    for (Node p = n; p != null; p = p.parent) p.clientsInSubtree--;
    prune(n);
    cachedOrder = null;
  }

  public boolean contains(String client) {
    Node n = nodes.get(client);
    return n != null && n.client;
  }

  /** Records an allocation of scalar quantities (millis) to {@code name}; counts as one allocation. */
  public void allocated(String name, Map<String, Long> quantities) {
    Node n = node(name, true);
    Quantities.add(n.ownAllocation, quantities);
    n.ownCount++;
    for (Node p = n; p != null; p = p.parent) {
      Quantities.add(p.subtreeAllocation, quantities);
      p.subtreeCount++;
      p.shareVersion = -1;
    }
    cachedOrder = null;
  }

  /** Reverses (part of) an allocation; the allocation count is not decremented, as in Mesos. */
  public void unallocated(String name, Map<String, Long> quantities) {
    Node n = nodes.get(name);
    if (n == null) throw new IllegalStateException("nothing allocated to " + name);
    Quantities.subtract(n.ownAllocation, quantities);
    for (Node p = n; p != null; p = p.parent) {
      Quantities.subtract(p.subtreeAllocation, quantities);
      p.shareVersion = -1;
    }
    prune(n);
    cachedOrder = null;
  }

  /** The scalar quantities allocated to {@code name} and its descendants, in millis. */
  public Map<String, Long> allocation(String name) {
    Node n = nodes.get(name);
    return n == null ? Map.of() : Map.copyOf(n.subtreeAllocation);
  }

  /** Weighted dominant share of {@code name}'s subtree. */
  public double share(String name) {
    Node n = nodes.get(name);
    return n == null ? 0.0 : share(n.subtreeAllocation, weight(name));
  }

  /** Clients in DRF order: lowest weighted dominant share first. The list is cached; callers must not modify it. */
  public List<String> sort() {
    if (cachedOrder == null) {
      List<String> out = new ArrayList<>();
      if (hierarchical) visit(root, out); else flat(out);
      cachedOrder = List.copyOf(out);
    }
    return cachedOrder;
  }

  private record Entry(String path, double share, long count, Node descend) {}

  private static int compare(Entry a, Entry b) {
    int c = Double.compare(a.share, b.share);
    if (c != 0) return c;
    c = Long.compare(a.count, b.count);
    return c != 0 ? c : a.path.compareTo(b.path);
  }

  private void refresh(Node n) {
    if (n.shareVersion == version) return;
    double w = weight(n.path);
    n.ownShare = share(n.ownAllocation, w);
    n.subtreeShare = share(n.subtreeAllocation, w);
    n.shareVersion = version;
  }

  private void flat(List<String> out) {
    List<Entry> entries = new ArrayList<>(root.children.size());
    for (Node n : root.children.values()) {
      if (!n.client) continue;
      refresh(n);
      entries.add(new Entry(n.path, n.ownShare, n.ownCount, null));
    }
    entries.sort(DrfSorter::compare);
    for (Entry e : entries) out.add(e.path);
  }

  private void visit(Node n, List<String> out) {
    List<Entry> entries = new ArrayList<>(n.children.size() + 1);
    if (n.client && n != root) {
      refresh(n);
      entries.add(new Entry(n.path, n.ownShare, n.ownCount, null));
    }
    for (Node c : n.children.values()) {
      if (c.clientsInSubtree > 0) {
        refresh(c);
        entries.add(new Entry(c.path, c.subtreeShare, c.subtreeCount, c));
      }
    }
    entries.sort(DrfSorter::compare);
    for (Entry e : entries) {
      if (e.descend == null) out.add(e.path); else visit(e.descend, out);
    }
  }

  private double share(Map<String, Long> allocation, double weight) {
    double max = 0.0;
    for (Map.Entry<String, Long> a : allocation.entrySet()) {
      if (excludedNames.contains(a.getKey())) continue;
      long total = totals.getOrDefault(a.getKey(), 0L);
      if (total > 0) max = Math.max(max, a.getValue() / (double) total);
    }
    return max / weight;
  }

  private Node node(String name, boolean create) {
    Node n = nodes.get(name);
    if (n != null || !create) return n;
    Node parent = root;
    if (hierarchical) {
      int slash = name.lastIndexOf('/');
      if (slash > 0) parent = node(name.substring(0, slash), true);
    }
    n = new Node(name, parent);
    parent.children.put(name, n);
    nodes.put(name, n);
    return n;
  }

  /** Drops nodes that hold no client, no allocation and no children, so removed roles do not accumulate. */
  private void prune(Node n) {
    while (n != null && n != root && !n.client && n.children.isEmpty() && n.subtreeAllocation.isEmpty()) {
      n.parent.children.remove(n.path);
      nodes.remove(n.path);
      n = n.parent;
    }
  }
}
