package io.drover.coord.tree;

import io.drover.coord.wire.Acl;
import io.drover.coord.wire.Code;
import io.drover.coord.wire.JuteInput;
import io.drover.coord.wire.JuteOutput;
import io.drover.coord.wire.OpCode;
import io.drover.coord.wire.Response;
import io.drover.coord.wire.Stat;
import io.drover.coord.wire.Txn;
import io.drover.coord.wire.TxnHeader;
import io.drover.coord.wire.WatcherEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The znode tree, as ZooKeeper's DataTree. {@link #apply} runs on one thread (the event loop), in zxid
 * order; {@link #serialize} may run concurrently on another thread (fuzzy snapshot: a concurrent map of
 * nodes and per-node monitors), and reads may come from any thread. Applying is idempotent under replay
 * from a fuzzy snapshot exactly where ZooKeeper's is: a create of an existing node, a delete of a missing
 * node etc. report an error and leave the tree as ZooKeeper would.
 */
public final class DataTree {
  static final List<String> SPECIAL_PATHS = List.of("/", "/zookeeper", "/zookeeper/quota", "/zookeeper/config");

  final ConcurrentHashMap<String, DataNode> nodes = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Long, Set<String>> ephemerals = new ConcurrentHashMap<>();
  private final Set<String> containers = ConcurrentHashMap.newKeySet();
  private final Set<String> ttls = ConcurrentHashMap.newKeySet();
  private final WatchManager watches = new WatchManager();
  /** ZooKeeper's nodeDataSize: sum of path lengths and data lengths, the root counted also as its "" alias. */
  private final AtomicLong dataSize = new AtomicLong();
  private volatile long lastProcessedZxid;

  /** A tree holding "/", "/zookeeper", "/zookeeper/quota" and "/zookeeper/config" (empty, world:anyone READ, aversion -1). */
  public DataTree() {
    Stat zero = new Stat(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    DataNode root = new DataNode(zero, new byte[0], Acl.OPEN_ACL_UNSAFE);
    DataNode proc = new DataNode(zero, new byte[0], Acl.OPEN_ACL_UNSAFE);
    nodes.put("/", root);
    nodes.put("/zookeeper", proc);
    root.addChild("zookeeper");
    nodes.put("/zookeeper/quota", new DataNode(zero, new byte[0], Acl.OPEN_ACL_UNSAFE));
    proc.addChild("quota");
    // ZOOKEEPER-2014: the config node is read-only for everyone; DataTree sets it with setACL(..., -1).
    nodes.put("/zookeeper/config", new DataNode(Stats.withAversion(zero, -1), new byte[0], Acl.READ_ACL_UNSAFE));
    proc.addChild("config");
    recountDataSize();
  }

  private DataTree(boolean empty) {}

  public DataNode node(String path) { return nodes.get(path); }

  public WatchManager watches() { return watches; }

  public long lastProcessedZxid() { return lastProcessedZxid; }

  /** For the caller restoring a snapshot: the zxid the snapshot was started at. */
  public void setLastProcessedZxid(long zxid) { lastProcessedZxid = zxid; }

  /** ZooKeeper's node count, which includes the "" alias of the root (5 on a fresh tree). */
  public int nodeCount() { return nodes.size() + 1; }

  /** ZooKeeper's approximate data size: path lengths + data lengths (44 on a fresh tree). */
  public long approximateDataSize() { return dataSize.get(); }

  public int ephemeralCount() {
    int n = 0;
    for (Set<String> s : ephemerals.values()) n += s.size();
    return n;
  }

  /** Sessions that own at least one ephemeral node. */
  public Set<Long> sessionsWithEphemerals() {
    Set<Long> out = new HashSet<>();
    for (Map.Entry<Long, Set<String>> e : ephemerals.entrySet()) if (!e.getValue().isEmpty()) out.add(e.getKey());
    return out;
  }

  /** The ephemeral paths owned by a session, sorted. */
  public List<String> ephemerals(long sessionId) {
    Set<String> s = ephemerals.get(sessionId);
    if (s == null) return List.of();
    List<String> out = new ArrayList<>(s);
    Collections.sort(out);
    return out;
  }

  /** Containers that have had children (cversion > 0) and have none now: ContainerManager's candidates. */
  public List<String> containerCandidates() {
    List<String> out = new ArrayList<>();
    for (String path : containers) {
      DataNode n = nodes.get(path);
      if (n == null) continue;
      synchronized (n) {
        if (n.childCount() == 0 && n.persistedStat().cversion() > 0) out.add(path);
      }
    }
    Collections.sort(out);
    return out;
  }

  /** TTL nodes with no children whose mtime is more than their TTL before {@code nowMillis}. */
  public List<String> expiredTtls(long nowMillis) {
    List<String> out = new ArrayList<>();
    for (String path : ttls) {
      DataNode n = nodes.get(path);
      if (n == null) continue;
      synchronized (n) {
        Stat s = n.persistedStat();
        long ttl = EphemeralOwner.ttlOf(s.ephemeralOwner());
        if (n.childCount() == 0 && ttl != 0 && nowMillis - s.mtime() > ttl) out.add(path);
      }
    }
    Collections.sort(out);
    return out;
  }

  /** Number of descendants (getAllChildrenNumber); for "/" every node but the root. */
  int allChildrenNumber(String path) {
    if ("/".equals(path)) return nodes.size() - 1;
    String prefix = path + "/";
    int n = 0;
    for (String p : nodes.keySet()) if (p.startsWith(prefix)) n++;
    return n;
  }

  // ---------------------------------------------------------------- apply

  /** Applies one txn (see class comment); advances lastProcessedZxid to max(it, h.zxid) afterwards. */
  public ApplyResult apply(TxnHeader h, Txn t) {
    List<Delivery> out = new ArrayList<>(2);
    ApplyResult r = applyOne(h, t, out);
    if (h.zxid() > lastProcessedZxid) lastProcessedZxid = h.zxid();
    return r;
  }

  private ApplyResult applyOne(TxnHeader h, Txn t, List<Delivery> out) {
    long zxid = h.zxid();
    return switch (t) {
      case Txn.Create c -> {
        long owner = c.ephemeral() ? h.clientId() : 0;
        ApplyResult r = createNode(c.path(), c.data(), c.acl(), owner, c.parentCVersion(), zxid, h.time(), c.type() == OpCode.CREATE2, out);
        if (r.err() == Code.NODEEXISTS && c.type() == OpCode.CREATE) {
          // DataTree.processTxn: a create replayed over a node re-created by another session after a fuzzy
          // snapshot still moves the parent's cversion/pzxid forward.
          Code e = setCversionPzxid(PathUtils.parent(c.path()), c.parentCVersion(), zxid);
          if (e != Code.OK) yield new ApplyResult(e, r.path(), null, null, out);
        }
        yield r;
      }
      case Txn.CreateContainer c -> createNode(c.path(), c.data(), c.acl(), EphemeralOwner.CONTAINER, c.parentCVersion(), zxid, h.time(), true, out);
      case Txn.CreateTtl c -> createNode(c.path(), c.data(), c.acl(), EphemeralOwner.ofTtl(c.ttl()), c.parentCVersion(), zxid, h.time(), true, out);
      case Txn.Delete d -> new ApplyResult(deleteNode(d.path(), zxid, out), d.path(), null, null, out);
      case Txn.SetData s -> setData(s.path(), s.data(), s.version(), zxid, h.time(), out);
      case Txn.SetAcl s -> setAcl(s.path(), s.acl(), s.version(), out);
      case Txn.CheckVersion c -> {
        DataNode n = nodes.get(c.path());
        yield new ApplyResult(Code.OK, c.path(), n == null ? null : n.stat(), null, out);
      }
      case Txn.Error e -> new ApplyResult(Code.of(e.err()), null, null, null, out);
      case Txn.Multi m -> applyMulti(h, m, out);
      case Txn.CreateSession cs -> new ApplyResult(Code.OK, null, null, null, out);
      case Txn.CloseSession cs -> {
        killSession(h.clientId(), zxid, cs.paths2Delete(), out);
        yield new ApplyResult(Code.OK, null, null, null, out);
      }
    };
  }

  private ApplyResult applyMulti(TxnHeader h, Txn.Multi m, List<Delivery> out) {
    boolean failed = false;
    for (Txn sub : m.txns()) if (sub instanceof Txn.Error) { failed = true; break; }
    boolean postFailed = false;
    List<Response.OpResult> results = new ArrayList<>(m.txns().size());
    for (Txn sub : m.txns()) {
      switch (sub) {
        case Txn.Multi x -> throw new IllegalArgumentException("nested multi txn");
        case Txn.CreateSession x -> throw new IllegalArgumentException("createSession inside a multi txn");
        case Txn.CloseSession x -> throw new IllegalArgumentException("closeSession inside a multi txn");
        case Txn.SetAcl x -> throw new IllegalArgumentException("setACL inside a multi txn");
        default -> { }
      }
      Txn effective = sub;
      if (sub instanceof Txn.Error) postFailed = true;
      else if (failed) effective = new Txn.Error(postFailed ? Code.RUNTIMEINCONSISTENCY.value : Code.OK.value);
      TxnHeader subHdr = new TxnHeader(h.clientId(), h.cxid(), h.zxid(), h.time(), effective.type());
      ApplyResult r = applyOne(subHdr, effective, out);
      results.add(opResult(effective, r));
    }
    return new ApplyResult(Code.OK, null, null, results, out);
  }

  private static Response.OpResult opResult(Txn t, ApplyResult r) {
    int err = r.err().value;
    return switch (t) {
      case Txn.Error e -> new Response.OpResult(OpCode.ERROR, e.err(), new Response.Error(e.err()));
      case Txn.Create c when c.type() == OpCode.CREATE -> new Response.OpResult(OpCode.CREATE, err, new Response.Create(r.path()));
      case Txn.Create c -> new Response.OpResult(c.type(), err, new Response.Create2(r.path(), r.stat()));
      case Txn.CreateContainer c -> new Response.OpResult(c.type(), err, new Response.Create2(r.path(), r.stat()));
      case Txn.CreateTtl c -> new Response.OpResult(c.type(), err, new Response.Create2(r.path(), r.stat()));
      case Txn.Delete d -> new Response.OpResult(d.type(), err, new Response.Empty());
      case Txn.SetData s -> new Response.OpResult(s.type(), err, new Response.StatOnly(r.stat()));
      case Txn.CheckVersion c -> new Response.OpResult(c.type(), err, new Response.Empty());
      case Txn.SetAcl s -> new Response.OpResult(s.type(), err, new Response.StatOnly(r.stat()));
      case Txn.Multi x -> throw new IllegalArgumentException("nested multi txn");
      case Txn.CreateSession x -> throw new IllegalArgumentException("session txn inside a multi");
      case Txn.CloseSession x -> throw new IllegalArgumentException("session txn inside a multi");
    };
  }

  private ApplyResult createNode(String path, byte[] data, List<Acl> acl, long owner, int parentCVersion,
                                 long zxid, long time, boolean wantStat, List<Delivery> out) {
    String parentName = PathUtils.parent(path);
    DataNode parent = nodes.get(parentName);
    if (parent == null) return new ApplyResult(Code.NONODE, path, null, null, out);
    List<Acl> nodeAcl = intern(acl);
    DataNode child;
    synchronized (parent) {
      DataNode existing = nodes.get(path);
      if (existing != null) {
        existing.setAcl(nodeAcl); // as DataTree.createNode: the replayed create's ACL wins
        return new ApplyResult(Code.NODEEXISTS, path, null, null, out);
      }
      Stat ps = parent.persistedStat();
      int cversion = parentCVersion == -1 ? ps.cversion() + 1 : parentCVersion;
      // A replayed create must never move cversion/pzxid backwards (fuzzy snapshot).
      if (cversion > ps.cversion()) parent.setStat(Stats.withChildChange(ps, cversion, zxid, ps.numChildren()));
      child = new DataNode(Stats.create(zxid, time, owner, data), data, nodeAcl);
      nodes.put(path, child);
      parent.addChild(PathUtils.childName(path));
      switch (EphemeralOwner.type(owner)) {
        case CONTAINER -> containers.add(path);
        case TTL -> ttls.add(path);
        case NORMAL -> ephemerals.computeIfAbsent(owner, k -> ConcurrentHashMap.newKeySet()).add(path);
        case VOID -> { }
      }
    }
    dataSize.addAndGet(path.length() + Stats.len(data));
    watches.trigger(path, WatcherEvent.NODE_CREATED, zxid, nodeAcl, out);
    watches.trigger(parentName, WatcherEvent.NODE_CHILDREN_CHANGED, zxid, parent.acl(), out);
    return new ApplyResult(Code.OK, path, wantStat ? child.stat() : null, null, out);
  }

  private Code deleteNode(String path, long zxid, List<Delivery> out) {
    String parentName = PathUtils.parent(path);
    DataNode parent = nodes.get(parentName);
    if (parent == null) return Code.NONODE;
    synchronized (parent) {
      parent.removeChild(PathUtils.childName(path));
      Stat ps = parent.persistedStat();
      // Only forward: a higher pzxid may come from a create replayed after a fuzzy snapshot.
      if (zxid > ps.pzxid()) parent.setStat(Stats.withChildChange(ps, ps.cversion(), zxid, ps.numChildren()));
    }
    DataNode node = nodes.get(path);
    if (node == null) return Code.NONODE;
    nodes.remove(path);
    Stat s;
    byte[] data;
    synchronized (node) {
      s = node.persistedStat();
      data = node.data();
    }
    dataSize.addAndGet(-(path.length() + Stats.len(data)));
    long owner = s.ephemeralOwner();
    switch (EphemeralOwner.type(owner)) {
      case CONTAINER -> containers.remove(path);
      case TTL -> ttls.remove(path);
      case NORMAL -> {
        Set<String> own = ephemerals.get(owner);
        if (own != null) own.remove(path);
      }
      case VOID -> { }
    }
    watches.trigger(path, WatcherEvent.NODE_DELETED, zxid, node.acl(), out);
    watches.trigger(parentName, WatcherEvent.NODE_CHILDREN_CHANGED, zxid, parent.acl(), out);
    return Code.OK;
  }

  private ApplyResult setData(String path, byte[] data, int version, long zxid, long time, List<Delivery> out) {
    DataNode n = nodes.get(path);
    if (n == null) return new ApplyResult(Code.NONODE, path, null, null, out);
    Stat s;
    byte[] last;
    synchronized (n) {
      last = n.data();
      n.setData(data);
      n.setStat(Stats.withData(n.persistedStat(), version, zxid, time, Stats.len(data)));
      s = n.stat();
    }
    long delta = Stats.len(data) - Stats.len(last);
    dataSize.addAndGet("/".equals(path) ? 2 * delta : delta); // the root also counts as its "" alias
    watches.trigger(path, WatcherEvent.NODE_DATA_CHANGED, zxid, n.acl(), out);
    return new ApplyResult(Code.OK, path, s, null, out);
  }

  private ApplyResult setAcl(String path, List<Acl> acl, int version, List<Delivery> out) {
    DataNode n = nodes.get(path);
    if (n == null) return new ApplyResult(Code.NONODE, path, null, null, out);
    Stat s;
    synchronized (n) {
      n.setAcl(intern(acl));
      n.setStat(Stats.withAversion(n.persistedStat(), version));
      s = n.stat();
    }
    return new ApplyResult(Code.OK, path, s, null, out);
  }

  private Code setCversionPzxid(String path, int newCversion, long zxid) {
    DataNode n = nodes.get(path);
    if (n == null) return Code.NONODE;
    synchronized (n) {
      Stat s = n.persistedStat();
      int cv = newCversion == -1 ? s.cversion() + 1 : newCversion;
      if (cv > s.cversion()) n.setStat(Stats.withChildChange(s, cv, zxid, s.numChildren()));
    }
    return Code.OK;
  }

  /** DataTree.killSession: deletes the txn's paths, then any the index still holds for the session. */
  private void killSession(long sessionId, long zxid, List<String> paths2Delete, List<Delivery> out) {
    Set<String> local = ephemerals.remove(sessionId);
    if (paths2Delete != null) {
      for (String p : paths2Delete) deleteNode(p, zxid, out); // NONODE is expected under replay
      if (local != null) paths2Delete.forEach(local::remove);
    }
    if (local != null) {
      List<String> rest = new ArrayList<>(local);
      Collections.sort(rest);
      for (String p : rest) deleteNode(p, zxid, out);
    }
  }

  /** Shares the common ACL lists so millions of nodes do not each hold a copy. */
  static List<Acl> intern(List<Acl> acl) {
    if (acl == null) return List.of();
    if (acl.equals(Acl.OPEN_ACL_UNSAFE)) return Acl.OPEN_ACL_UNSAFE;
    if (acl.equals(Acl.READ_ACL_UNSAFE)) return Acl.READ_ACL_UNSAFE;
    return List.copyOf(acl);
  }

  private void recountDataSize() {
    long size = 0;
    for (Map.Entry<String, DataNode> e : nodes.entrySet()) size += e.getKey().length() + Stats.len(e.getValue().data());
    DataNode root = nodes.get("/");
    if (root != null) size += Stats.len(root.data()); // the "" alias
    dataSize.set(size);
  }

  // ---------------------------------------------------------------- snapshots

  private static final int SNAPSHOT_MAGIC = 0x44525431; // "DRT1"

  /**
   * Writes every node (path, Stat, data, ACL), parents before children, ending with a null path. Safe
   * while another thread applies txns: each node is copied under its monitor; the result is fuzzy and
   * made consistent by replaying the txns from the zxid the snapshot started at.
   */
  public void serialize(JuteOutput out) {
    out.writeInt(SNAPSHOT_MAGIC);
    ArrayList<String> stack = new ArrayList<>();
    stack.add("/");
    while (!stack.isEmpty()) {
      String path = stack.remove(stack.size() - 1);
      DataNode n = nodes.get(path);
      if (n == null) continue;
      Stat s;
      byte[] data;
      List<Acl> acl;
      List<String> children;
      synchronized (n) {
        s = n.persistedStat();
        data = n.data();
        acl = n.acl();
        children = n.childrenUnsorted();
      }
      out.writeString(path);
      s.write(out);
      out.writeBuffer(data);
      out.writeAcls(acl);
      for (String c : children) stack.add(PathUtils.join(path, c));
    }
    out.writeString(null);
  }

  /** Rebuilds a tree written by {@link #serialize}; lastProcessedZxid is 0 until the caller sets it. */
  public static DataTree deserialize(JuteInput in) {
    int magic = in.readInt();
    if (magic != SNAPSHOT_MAGIC) throw new io.drover.coord.wire.MalformedFrameException("not a tree snapshot: magic " + Integer.toHexString(magic));
    DataTree t = new DataTree(true);
    for (String path = in.readString(); path != null; path = in.readString()) {
      Stat s = Stat.read(in);
      byte[] data = in.readBuffer();
      List<Acl> acl = intern(in.readAcls());
      DataNode n = new DataNode(s, data, acl);
      if (!"/".equals(path)) {
        DataNode parent = t.nodes.get(PathUtils.parent(path));
        if (parent == null) throw new io.drover.coord.wire.MalformedFrameException("snapshot node " + path + " before its parent");
        parent.addChild(PathUtils.childName(path));
      }
      t.nodes.put(path, n);
      long owner = s.ephemeralOwner();
      switch (EphemeralOwner.type(owner)) {
        case CONTAINER -> t.containers.add(path);
        case TTL -> t.ttls.add(path);
        case NORMAL -> t.ephemerals.computeIfAbsent(owner, k -> ConcurrentHashMap.newKeySet()).add(path);
        case VOID -> { }
      }
    }
    if (!t.nodes.containsKey("/")) throw new io.drover.coord.wire.MalformedFrameException("snapshot has no root");
    for (DataNode n : t.nodes.values()) {
      synchronized (n) {
        n.setStat(Stats.fixCounts(n.persistedStat(), Stats.len(n.data()), n.childCount()));
      }
    }
    t.recountDataSize();
    return t;
  }
}
