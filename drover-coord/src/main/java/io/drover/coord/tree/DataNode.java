package io.drover.coord.tree;

import io.drover.coord.wire.Acl;
import io.drover.coord.wire.Stat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;

/**
 * A znode. All state is guarded by the node's monitor, so a snapshot thread can copy a node while the
 * event loop applies txns (ZooKeeper's per-node synchronization). The Stat is an immutable record
 * replaced on every change, with {@code numChildren} and {@code dataLength} kept equal to the children
 * and data held, so readers get it without copying.
 */
public final class DataNode {
  private Stat stat;
  private byte[] data;
  private List<Acl> acl;
  private HashSet<String> children; // null until the first child

  DataNode(Stat stat, byte[] data, List<Acl> acl) {
    this.stat = stat;
    this.data = data;
    this.acl = acl;
  }

  public synchronized Stat stat() { return stat; }

  /** The node's data as stored (not a copy, for speed): callers must not modify it. May be null. */
  public synchronized byte[] data() { return data; }

  /** Unmodifiable. */
  public synchronized List<Acl> acl() { return acl; }

  /** The children's names, sorted (ZooKeeper returns HashSet order; any order is valid). */
  public synchronized List<String> children() {
    if (children == null || children.isEmpty()) return List.of();
    List<String> out = new ArrayList<>(children);
    Collections.sort(out);
    return out;
  }

  synchronized int childCount() { return children == null ? 0 : children.size(); }

  synchronized List<String> childrenUnsorted() {
    return children == null ? List.of() : new ArrayList<>(children);
  }

  // Mutators: called by DataTree (event loop) with the monitor held by the caller or here.

  synchronized void setStat(Stat s) { this.stat = s; }

  synchronized void setData(byte[] d) { this.data = d; }

  synchronized void setAcl(List<Acl> a) { this.acl = a; }

  /** Adds a child and refreshes numChildren. */
  synchronized void addChild(String name) {
    if (children == null) children = new HashSet<>(4);
    if (children.add(name)) stat = Stats.withNumChildren(stat, children.size());
  }

  synchronized void removeChild(String name) {
    if (children != null && children.remove(name)) stat = Stats.withNumChildren(stat, children.size());
  }
}
