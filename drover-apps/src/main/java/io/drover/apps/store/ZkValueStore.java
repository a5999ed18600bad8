package io.drover.apps.store;

import io.drover.master.ha.ZkOps;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;

/**
 * Byte values at absolute znode paths, in {@link ValueFormat}: compressed above a threshold, split into chunks
 * above the node size limit, every write fenced by leadership ({@link Fence}).
 *
 * <h2>Split values</h2>
 * ZooKeeper bounds a whole request, a {@code multi} included, by {@code jute.maxbuffer} (1 MiB), so a value of
 * several MiB cannot be written in one transaction. A split value is therefore written in two phases: its chunks
 * go to fresh sibling znodes named {@code .c~<name>~<generation>~<index>} (one fenced create each), then one fenced
 * {@code multi} swaps the value znode's data to a manifest naming that generation and deletes every older chunk of
 * the node in the same transaction. Readers thus see either the old or the new value, never a mix; a reader that
 * raced the swap (its chunks deleted under it) re-reads. Chunks of a write that failed before its swap stay as
 * orphans until the next write or delete of that node removes them. Names starting with {@code .} are reserved:
 * {@link #children} hides them.
 *
 * <p>A value that cannot be decoded (unknown header, bad manifest, missing chunk, checksum mismatch, bad gzip) is a
 * {@link StoreException} naming the znode, never an empty result.
 *
 * <p>Thread-safe; writes are serialized. Only one instance (the leader) is expected to write.
 */
public final class ZkValueStore {
  static final String CHUNK_PREFIX = ".c~";
  /** Ops per multi when deleting in bulk: keeps each request far below jute.maxbuffer. */
  private static final int MAX_OPS_PER_MULTI = 500;
  private static final int MAX_ATTEMPTS = 5;
  /** Bound on nodes removed by one {@link #deleteTree} (the layout is at most two levels deep). */
  private static final int MAX_TREE_NODES = 100_000;

  private final CuratorFramework client;
  private final Fence fence;
  private final StoreLimits limits;
  private final Set<String> knownParents = ConcurrentHashMap.newKeySet();
  /**
   * Values this instance wrote inline (no chunks) under {@link #cacheFence}: while it leads nobody else writes, so an
   * overwrite needs no look first. Cleared when the fence changes and on any surprise (NoNode, NodeExists).
   */
  private final Set<String> knownInline = new HashSet<>();
  private String cacheFence;

  /**
   * @param client a started Curator client without namespace (paths are absolute); not closed by the store
   * @param fence where writes get their leadership proof
   */
  public ZkValueStore(CuratorFramework client, Fence fence, StoreLimits limits) {
    this.client = Objects.requireNonNull(client, "client");
    this.fence = Objects.requireNonNull(fence, "fence");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  public StoreLimits limits() { return limits; }

  // ---- reads ----

  /**
   * The value at {@code node}; empty if the znode does not exist or holds no value (created only as a parent).
   *
   * @throws StoreException naming the node if the value is corrupt or partial, or ZooKeeper fails
   */
  public Optional<byte[]> read(String node) throws StoreException, InterruptedException {
    checkPath(node);
    byte[] previousManifest = null;
    for (int attempt = 1; ; attempt++) {
      Optional<byte[]> data = Zk.getData(client, node);
      if (data.isEmpty() || data.get().length == 0) return Optional.empty();
      byte[] d = data.get();
      if (!ValueFormat.isChunked(d)) return Optional.of(ValueFormat.decodeInline(node, d, limits));
      ValueFormat.Manifest m = ValueFormat.parseManifest(node, d, limits);
      String missing = null;
      ByteArrayOutputStream payload = new ByteArrayOutputStream(m.payloadLength());
      for (int i = 0; i < m.chunkCount() && missing == null; i++) {
        String chunk = chunkPath(node, m.generation(), i);
        Optional<byte[]> c = Zk.getData(client, chunk);
        if (c.isEmpty()) {
          missing = chunk;
        } else {
          if (payload.size() + c.get().length > m.payloadLength()) {
            throw new StoreException("corrupt value at " + node + ": chunks exceed the manifest's "
                + m.payloadLength() + " bytes at " + chunk);
          }
          payload.writeBytes(c.get());
        }
      }
      if (missing == null) return Optional.of(ValueFormat.decodePayload(node, m, payload.toByteArray(), limits));
      // A concurrent write may have swapped the manifest and deleted these chunks: retry unless nothing changed.
      if (Arrays.equals(previousManifest, d) || attempt >= MAX_ATTEMPTS) {
        throw new StoreException("partial value at " + node + ": chunk " + missing + " is missing");
      }
      previousManifest = d;
    }
  }

  /** Whether {@code node} exists. */
  public boolean exists(String node) throws StoreException, InterruptedException {
    checkPath(node);
    return Zk.exists(client, node);
  }

  /** Names of {@code node}'s children, sorted, without reserved ({@code .}-prefixed) names; empty if absent. */
  public List<String> children(String node) throws StoreException, InterruptedException {
    checkPath(node);
    return visible(Zk.children(client, node));
  }

  /** {@link #children} of many nodes in about one round trip (the reads are pipelined). */
  public Map<String, List<String>> childrenOfAll(List<String> nodes)
      throws StoreException, InterruptedException {
    nodes.forEach(ZkValueStore::checkPath);
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (var e : Zk.childrenOfAll(client, nodes).entrySet()) out.put(e.getKey(), visible(e.getValue()));
    return out;
  }

  /** Child names without the reserved ({@code .}-prefixed, e.g. chunk) ones. */
  private static List<String> visible(List<String> names) {
    return names.stream().filter(c -> !c.startsWith(".")).toList();
  }

  // ---- writes ----

  /**
   * Stores {@code value} at {@code node} (create or overwrite), creating missing ancestors. Durable when it returns.
   *
   * @throws StoreFencedException if this instance does not lead (nothing visible was written)
   * @throws IllegalArgumentException if the value exceeds {@link StoreLimits#maxValueBytes()}
   */
  public synchronized void write(String node, byte[] value) throws StoreException, InterruptedException {
    checkPath(node);
    Objects.requireNonNull(value, "value");
    ValueFormat.Encoded encoded = ValueFormat.encode(value, limits);
    String fenceNode = fenceNode(node);
    cacheFor(fenceNode);
    if (encoded instanceof ValueFormat.Inline in && writeInlineFast(node, value, in.data(), fenceNode)) return;
    knownInline.remove(node);
    byte[] data = switch (encoded) {
      case ValueFormat.Inline in -> in.data();
      case ValueFormat.Split split -> writeChunks(node, split, fenceNode);
    };
    for (int attempt = 1; ; attempt++) {
      try {
        List<CuratorOp> ops = new ArrayList<>();
        ops.add(ZkOps.check(client, fenceNode));
        if (Zk.exists(client, node)) {
          ops.add(ZkOps.setData(client, node, data));
        } else {
          for (String p : missingAncestors(node)) ops.add(ZkOps.create(client, p, new byte[0]));
          ops.add(ZkOps.create(client, node, data));
        }
        long keep = ValueFormat.isChunked(data) ? ValueFormat.parseManifest(node, data, limits).generation() : 0;
        boolean keepAny = ValueFormat.isChunked(data);
        for (String chunk : chunkSiblings(node)) {
          if (!(keepAny && chunk.startsWith(chunkPrefix(node, keep)))) ops.add(ZkOps.delete(client, chunk));
        }
        multi(ops, fenceNode, "write " + node);
        if (!keepAny) knownInline.add(node);
        return;
      } catch (KeeperException.NodeExistsException | KeeperException.NoNodeException e) {
        knownParents.clear();
        if (attempt >= MAX_ATTEMPTS) throw new StoreException("could not write " + node + ": " + e, e);
      }
    }
  }

  /** {@link #knownInline} holds for one fencing node (a leadership term): a new one starts it empty. */
  private void cacheFor(String fenceNode) {
    if (!fenceNode.equals(cacheFence)) {
      knownInline.clear();
      cacheFence = fenceNode;
    }
  }

  /** One change of a {@link #apply} batch: store {@code value} at {@code node}, or delete it (value null). */
  public record Change(String node, byte[] value) {
    public Change {
      checkPath(node);
    }

    public static Change put(String node, byte[] value) { return new Change(node, Objects.requireNonNull(value)); }

    public static Change delete(String node) { return new Change(node, null); }
  }

  /**
   * Applies {@code changes} in order, in as few fenced multis as it can: a put of a value that fits one znode under
   * the rules of the one-round-trip write (an inline value this leader wrote, or a new node under a known parent),
   * and a delete of an inline value this leader wrote (such a node has no chunks or children), join the current
   * multi (at most {@value #MAX_OPS_PER_MULTI} ops and half a node's size of data); any other change is carried out
   * alone with {@link #write} or {@link #deleteTree} after the multi so far. A multi that meets a surprise
   * (NodeExists, NoNode) is redone change by change the careful way. Durable when it returns. So the many instance
   * writes of one scheduling step cost one round trip and one log sync instead of one or three each.
   */
  public synchronized void apply(List<Change> changes) throws StoreException, InterruptedException {
    String fenceNode = fenceNode(changes.isEmpty() ? "(nothing)" : changes.get(0).node());
    cacheFor(fenceNode);
    List<Change> batch = new ArrayList<>();
    List<CuratorOp> ops = new ArrayList<>();
    Set<String> present = new HashSet<>(knownInline); // inline values as they will be once the batch commits
    long bytes = 0;
    for (Change c : changes) {
      byte[] data = c.value() == null ? null
          : ValueFormat.encode(c.value(), limits) instanceof ValueFormat.Inline in ? in.data() : null;
      long size = data == null ? 0 : data.length;
      if (ops.size() + 1 >= MAX_OPS_PER_MULTI || bytes + size > limits.chunkBytes() / 2) {
        commit(batch, ops, fenceNode);
        present = new HashSet<>(knownInline);
        bytes = 0;
      }
      CuratorOp op = fastOp(c, data, present);
      if (op == null) { // carried out alone, after what came before it
        commit(batch, ops, fenceNode);
        if (c.value() == null) deleteTree(c.node());
        else write(c.node(), c.value());
        present = new HashSet<>(knownInline);
        bytes = 0;
        continue;
      }
      batch.add(c);
      ops.add(op);
      bytes += size;
      if (c.value() == null) present.remove(c.node());
      else present.add(c.node());
    }
    commit(batch, ops, fenceNode);
  }

  /** The op for {@code c} in a batch, or null when it needs the careful way ({@code data}: its inline form). */
  private CuratorOp fastOp(Change c, byte[] data, Set<String> present) {
    if (c.value() == null) return present.contains(c.node()) ? ZkOps.delete(client, c.node()) : null;
    if (data == null) return null; // chunked
    if (present.contains(c.node())) return ZkOps.setData(client, c.node(), data);
    boolean unseen = !knownInline.contains(c.node()); // not deleted earlier in this batch
    String parent = parentOf(c.node());
    // A parent created earlier in this batch (present) exists by the time this op runs: the multi keeps order.
    boolean parentExists = knownParents.contains(parent) || present.contains(parent);
    return unseen && parentExists ? ZkOps.create(client, c.node(), data) : null;
  }

  /** Commits the pending multi of {@link #apply} (fence check first); on a surprise, redoes it change by change. */
  private void commit(List<Change> batch, List<CuratorOp> ops, String fenceNode)
      throws StoreException, InterruptedException {
    if (batch.isEmpty()) return;
    List<Change> done = List.copyOf(batch);
    List<CuratorOp> all = new ArrayList<>();
    all.add(ZkOps.check(client, fenceNode));
    all.addAll(ops);
    batch.clear();
    ops.clear();
    try {
      multi(all, fenceNode, "write " + done.size() + " values");
      for (Change c : done) {
        if (c.value() == null) {
          knownInline.remove(c.node());
          knownParents.remove(c.node());
        } else {
          knownInline.add(c.node());
          knownParents.add(parentOf(c.node())); // it holds a child now, so it exists
        }
      }
    } catch (KeeperException.NodeExistsException | KeeperException.NoNodeException e) {
      knownInline.clear();
      knownParents.clear();
      for (Change c : done) {
        if (c.value() == null) deleteTree(c.node());
        else write(c.node(), c.value());
      }
    }
  }

  /**
   * One round trip instead of three for the common cases, a value that fits one znode: overwriting a value this
   * leader wrote inline ({@code setData}), or creating one under a known parent ({@code create}; chunks left by a
   * write that never committed stay orphans until the node is deleted, which collects them). False (nothing written)
   * when the cache does not apply or was wrong; the caller then takes the careful path.
   */
  private boolean writeInlineFast(String node, byte[] value, byte[] data, String fenceNode)
      throws StoreException, InterruptedException {
    CuratorOp op = fastOp(Change.put(node, value), data, knownInline);
    if (op == null) return false;
    try {
      multi(List.of(ZkOps.check(client, fenceNode), op), fenceNode, "write " + node);
      knownInline.add(node);
      return true;
    } catch (KeeperException.NodeExistsException | KeeperException.NoNodeException e) {
      knownInline.clear();
      knownParents.clear();
      return false;
    }
  }

  /** Writes the chunks of a split value (each create fenced) and answers the manifest to commit. */
  private byte[] writeChunks(String node, ValueFormat.Split split, String fenceNode)
      throws StoreException, InterruptedException {
    ensureAncestors(node, fenceNode);
    long generation = ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
    byte[] payload = split.payload();
    int size = limits.chunkBytes();
    int count = (payload.length + size - 1) / size;
    for (int i = 0; i < count; i++) {
      byte[] chunk = Arrays.copyOfRange(payload, i * size, Math.min(payload.length, (i + 1) * size));
      String path = chunkPath(node, generation, i);
      try {
        multi(List.of(ZkOps.check(client, fenceNode), ZkOps.create(client, path, chunk)), fenceNode, "write " + path);
      } catch (KeeperException.NodeExistsException | KeeperException.NoNodeException e) {
        throw new StoreException("could not write chunk " + path + ": " + e, e);
      }
    }
    return ValueFormat.manifest(new ValueFormat.Manifest(split.gzip(), generation, count, payload.length,
        ValueFormat.crc32(payload)));
  }

  private void ensureAncestors(String node, String fenceNode) throws StoreException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      List<String> missing = missingAncestors(node);
      if (missing.isEmpty()) return;
      List<CuratorOp> ops = new ArrayList<>();
      ops.add(ZkOps.check(client, fenceNode));
      for (String p : missing) ops.add(ZkOps.create(client, p, new byte[0]));
      try {
        multi(ops, fenceNode, "create parents of " + node);
        return;
      } catch (KeeperException.NodeExistsException | KeeperException.NoNodeException e) {
        knownParents.clear();
        if (attempt >= MAX_ATTEMPTS) throw new StoreException("could not create parents of " + node + ": " + e, e);
      }
    }
  }

  /**
   * Deletes {@code node}, all its descendants and all their chunks, children before parents, in fenced multis of
   * bounded size (so a large tree is not removed atomically; a node is never left without its parent). A no-op
   * (still fenced) if nothing exists.
   */
  public synchronized void deleteTree(String node) throws StoreException, InterruptedException {
    deleteTrees(List.of(node));
  }

  /** {@link #deleteTree} for several nodes. */
  public synchronized void deleteTrees(List<String> nodes) throws StoreException, InterruptedException {
    String fenceNode = fenceNode(nodes.isEmpty() ? "(nothing)" : nodes.get(0));
    for (int attempt = 1; ; attempt++) {
      Set<String> collected = new LinkedHashSet<>(); // a node's chunks are reachable from it and its parent
      for (String node : nodes) {
        checkPath(node);
        collect(node, collected);
      }
      List<String> doomed = new ArrayList<>(collected);
      try {
        int i = 0;
        do {
          List<CuratorOp> ops = new ArrayList<>();
          ops.add(ZkOps.check(client, fenceNode));
          for (String p : doomed.subList(i, Math.min(doomed.size(), i + MAX_OPS_PER_MULTI))) {
            ops.add(ZkOps.delete(client, p));
          }
          multi(ops, fenceNode, "delete " + nodes);
          i += MAX_OPS_PER_MULTI;
        } while (i < doomed.size());
        for (String p : doomed) {
          knownParents.remove(p);
          knownInline.remove(p);
        }
        return;
      } catch (KeeperException.NodeExistsException | KeeperException.NoNodeException e) {
        knownParents.clear();
        if (attempt >= MAX_ATTEMPTS) throw new StoreException("could not delete " + nodes + ": " + e, e);
      }
    }
  }

  /** Post-order: descendants and their chunks, then the node's own chunks, then the node. */
  private void collect(String node, Set<String> out) throws StoreException, InterruptedException {
    if (!Zk.exists(client, node)) {
      out.addAll(chunkSiblings(node)); // orphans of a write that never committed
      return;
    }
    for (String child : Zk.children(client, node)) {
      if (child.startsWith(CHUNK_PREFIX)) continue; // removed with their own node below
      collect(node + "/" + child, out);
    }
    for (String child : Zk.children(client, node)) {
      if (child.startsWith(CHUNK_PREFIX)) out.add(node + "/" + child); // orphans whose node is gone
    }
    out.addAll(chunkSiblings(node));
    out.add(node);
    if (out.size() > MAX_TREE_NODES) throw new StoreException("refusing to delete more than " + MAX_TREE_NODES
        + " znodes under " + node);
  }

  // ---- helpers ----

  private String fenceNode(String what) throws StoreFencedException {
    Optional<String> f = fence.fencingNode();
    if (f.isEmpty()) {
      throw new StoreFencedException("state write refused (" + what + "): this instance is not the leader");
    }
    return f.get();
  }

  /**
   * Runs {@code ops} (first op: the fencing check) as one multi. A failed check becomes {@link StoreFencedException};
   * NodeExists/NoNode of other ops are rethrown for the caller to rebuild and retry.
   */
  private void multi(List<CuratorOp> ops, String fenceNode, String what)
      throws StoreException, InterruptedException, KeeperException.NodeExistsException,
      KeeperException.NoNodeException {
    ZkOps.fencedMulti(client, ops, fenceNode, what, e -> new StoreFencedException("state write refused (" + what
        + "): fencing node " + fenceNode + " is gone, so this instance no longer leads", e), StoreException::new);
    for (CuratorOp op : ops) {
      if (op.get().getType() == org.apache.zookeeper.ZooDefs.OpCode.create) knownParents.add(op.get().getPath());
    }
  }

  /** Ancestors of {@code node} that do not exist yet, top down. */
  private List<String> missingAncestors(String node) throws StoreException, InterruptedException {
    List<String> missing = new ArrayList<>();
    for (String p = parentOf(node); !p.equals("/"); p = parentOf(p)) {
      if (knownParents.contains(p)) break;
      if (Zk.exists(client, p)) {
        knownParents.add(p);
        break;
      }
      missing.add(0, p);
    }
    return missing;
  }

  /** Existing chunk znodes of {@code node} (any generation). */
  private List<String> chunkSiblings(String node) throws StoreException, InterruptedException {
    String parent = parentOf(node);
    String prefix = CHUNK_PREFIX + nameOf(node) + "~";
    List<String> out = new ArrayList<>();
    for (String c : Zk.children(client, parent)) {
      if (c.startsWith(prefix)) out.add(join(parent, c));
    }
    return out;
  }

  static String chunkPrefix(String node, long generation) {
    return join(parentOf(node), CHUNK_PREFIX + nameOf(node) + "~" + Long.toHexString(generation) + "~");
  }

  static String chunkPath(String node, long generation, int index) {
    return chunkPrefix(node, generation) + index;
  }

  private static String join(String parent, String name) {
    return parent.equals("/") ? "/" + name : parent + "/" + name;
  }

  static String parentOf(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }

  static String nameOf(String path) { return path.substring(path.lastIndexOf('/') + 1); }

  private static void checkPath(String node) {
    Objects.requireNonNull(node, "node");
    if (!node.startsWith("/") || node.length() < 2 || node.endsWith("/") || node.contains("//")) {
      throw new IllegalArgumentException("not an absolute znode path: " + node);
    }
  }
}
