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
  private Stat stat; // as persisted: real cversion and ephemeralOwner
  private Stat view; // as clients see it (DataNode.copyStat)
  private byte[] data;
  private List<Acl> acl;
  private HashSet<String> children; // null until the first child

  DataNode(Stat stat, byte[] data, List<Acl> acl) {
    this.data = data;
    setStat(stat);
    this.acl = acl;
  }

  /**
   * The Stat as ZooKeeper sends it (DataNode.copyStat): cversion reported as {@code 2*cversion - numChildren}
   * (every create has a delete except for children still present) and ephemeralOwner 0 for containers
   * and TTL nodes.
   */
  public synchronized Stat stat() { return view; }

  /** The Stat as stored and snapshotted: the real cversion (sequence numbers) and ephemeralOwner encoding. */
  public synchronized Stat persistedStat() { return stat; }

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

  synchronized void setStat(Stat s) {
    this.stat = s;
    long owner = EphemeralOwner.type(s.ephemeralOwner()) == EphemeralOwner.Type.NORMAL ? s.ephemeralOwner() : 0;
    int cversion = s.cversion() * 2 - s.numChildren();
    this.view = owner == s.ephemeralOwner() && cversion == s.cversion() ? s
        : new Stat(s.czxid(), s.mzxid(), s.ctime(), s.mtime(), s.version(), cversion, s.aversion(), owner,
            s.dataLength(), s.numChildren(), s.pzxid());
  }

  synchronized void setData(byte[] d) { this.data = d; }

  synchronized void setAcl(List<Acl> a) { this.acl = a; }

  /** Adds a child and refreshes numChildren. */
  synchronized void addChild(String name) {
    if (children == null) children = new HashSet<>(4);
    if (children.add(name)) setStat(Stats.withNumChildren(stat, children.size()));
  }

  synchronized void removeChild(String name) {
    if (children != null && children.remove(name)) setStat(Stats.withNumChildren(stat, children.size()));
  }
}
