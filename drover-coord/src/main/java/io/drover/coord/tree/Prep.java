package io.drover.coord.tree;

import io.drover.coord.wire.Acl;
import io.drover.coord.wire.Code;
import io.drover.coord.wire.Id;
import io.drover.coord.wire.OpCode;
import io.drover.coord.wire.Request;
import io.drover.coord.wire.Stat;
import io.drover.coord.wire.Txn;
import io.drover.coord.wire.TxnHeader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * ZooKeeper's PrepRequestProcessor: validates writes against the tree plus the changes of writes
 * prepared but not yet applied (outstandingChanges), and turns them into txns. Single-threaded: the
 * event loop calls prepare, apply (on the tree) and {@link #applied} in that order per zxid.
 */
public final class Prep {
  /** A node as the prepared-but-unapplied writes leave it; stat null means deleted. */
  record ChangeRecord(long zxid, String path, Stat stat, int childCount, List<Acl> acl) {}

  /** Control flow for a failed check inside preparation; converted to an Error txn at the boundary. */
  private static final class Fail extends RuntimeException {
    final Code code;

    Fail(Code code) {
      super(code.name(), null, false, false);
      this.code = code;
    }
  }

  private final DataTree tree;
  private final ArrayDeque<ChangeRecord> outstanding = new ArrayDeque<>();
  private final Map<String, ChangeRecord> outstandingByPath = new HashMap<>();

  public Prep(DataTree tree) { this.tree = tree; }

  /** Number of outstanding change records (for tests and metrics). */
  public int outstandingCount() { return outstanding.size(); }

  public Prepared prepare(Session ctx, int cxid, int opCode, Request req, long zxid, long nowMillis) {
    if (opCode == OpCode.MULTI) return prepareMulti(ctx, cxid, req, zxid, nowMillis);
    try {
      Txn t = prepOne(ctx, opCode, req, zxid, nowMillis);
      return new Prepared(new TxnHeader(ctx.sessionId(), cxid, zxid, nowMillis, opCode), t);
    } catch (Fail f) {
      return error(ctx.sessionId(), cxid, zxid, nowMillis, f.code);
    }
  }

  private static Prepared error(long sessionId, int cxid, long zxid, long nowMillis, Code code) {
    return new Prepared(new TxnHeader(sessionId, cxid, zxid, nowMillis, OpCode.ERROR), new Txn.Error(code.value));
  }

  private Prepared prepareMulti(Session ctx, int cxid, Request req, long zxid, long nowMillis) {
    if (!(req instanceof Request.Multi multi)) return error(ctx.sessionId(), cxid, zxid, nowMillis, Code.MARSHALLINGERROR);
    for (Request.Op op : multi.ops()) {
      // ZooKeeper fails to deserialize a multi holding other op types: the whole request is a marshalling error.
      switch (op.type()) {
        case OpCode.CREATE, OpCode.CREATE2, OpCode.CREATE_CONTAINER, OpCode.CREATE_TTL, OpCode.DELETE,
             OpCode.SET_DATA, OpCode.CHECK -> { }
        default -> { return error(ctx.sessionId(), cxid, zxid, nowMillis, Code.MARSHALLINGERROR); }
      }
    }
    Map<String, ChangeRecord> saved = pendingChanges(multi);
    List<Txn> txns = new ArrayList<>(multi.ops().size());
    boolean failed = false;
    for (Request.Op op : multi.ops()) {
      if (failed) {
        txns.add(new Txn.Error(Code.RUNTIMEINCONSISTENCY.value));
        continue;
      }
      try {
        txns.add(prepOne(ctx, op.type(), op.body(), zxid, nowMillis));
      } catch (Fail f) {
        failed = true;
        txns.add(new Txn.Error(f.code.value));
        rollback(zxid, saved);
      }
    }
    return new Prepared(new TxnHeader(ctx.sessionId(), cxid, zxid, nowMillis, OpCode.MULTI), new Txn.Multi(txns));
  }

  /** The outstanding records of each op's path and parent, to restore if the multi fails (ZOOKEEPER-1624). */
  private Map<String, ChangeRecord> pendingChanges(Request.Multi multi) {
    Map<String, ChangeRecord> saved = new HashMap<>();
    for (Request.Op op : multi.ops()) {
      String path = pathOf(op.body());
      if (path == null) continue;
      ChangeRecord c = outstandingByPath.get(path);
      if (c != null) saved.put(path, c);
      if (path.lastIndexOf('/') == -1 || path.indexOf('\0') != -1) continue;
      String parent = PathUtils.parent(path);
      ChangeRecord pc = outstandingByPath.get(parent);
      if (pc != null) saved.put(parent, pc);
    }
    return saved;
  }

  private static String pathOf(Request r) {
    return switch (r) {
      case Request.Create c -> c.path();
      case Request.CreateTtl c -> c.path();
      case Request.Delete d -> d.path();
      case Request.SetData s -> s.path();
      case Request.CheckVersion c -> c.path();
      default -> null;
    };
  }

  private void rollback(long zxid, Map<String, ChangeRecord> saved) {
    for (Iterator<ChangeRecord> it = outstanding.descendingIterator(); it.hasNext(); ) {
      ChangeRecord c = it.next();
      if (c.zxid() != zxid) break;
      it.remove();
      outstandingByPath.remove(c.path());
    }
    if (outstanding.isEmpty()) return;
    long first = outstanding.peekFirst().zxid();
    for (ChangeRecord c : saved.values()) {
      if (c.zxid() >= first) outstandingByPath.put(c.path(), c);
    }
  }

  /** closeSession: deletes the session's ephemerals, including those created by unapplied writes. */
  public Prepared prepareCloseSession(long sessionId, int cxid, long zxid, long nowMillis) {
    TreeSet<String> es = new TreeSet<>(tree.ephemerals(sessionId));
    for (ChangeRecord c : outstanding) {
      if (c.stat() == null) es.remove(c.path());
      else if (c.stat().ephemeralOwner() == sessionId) es.add(c.path());
    }
    for (String p : es) {
      // With digests on (ZooKeeper's default) the parent gets a record with the new pzxid only.
      ChangeRecord parent = recordOrNull(PathUtils.parent(p));
      if (parent != null) {
        Stat ps = parent.stat();
        add(new ChangeRecord(zxid, parent.path(), Stats.withChildChange(ps, ps.cversion(), zxid, ps.numChildren()),
            parent.childCount(), parent.acl()));
      }
      add(new ChangeRecord(zxid, p, null, 0, null));
    }
    return new Prepared(new TxnHeader(sessionId, cxid, zxid, nowMillis, OpCode.CLOSE_SESSION), new Txn.CloseSession(new ArrayList<>(es)));
  }

  public Prepared prepareCreateSession(long sessionId, int timeoutMs, long zxid, long nowMillis) {
    return new Prepared(new TxnHeader(sessionId, 0, zxid, nowMillis, OpCode.CREATE_SESSION), new Txn.CreateSession(timeoutMs));
  }

  /** ContainerManager's deleteContainer request (session 0, cxid 0); an Error txn if the node no longer qualifies. */
  public Prepared prepareDeleteContainer(String path, long zxid, long nowMillis) {
    try {
      String parentPath = parentForDelete(path);
      ChangeRecord node = record(path);
      if (node.childCount() > 0) throw new Fail(Code.NOTEMPTY);
      if (EphemeralOwner.type(node.stat().ephemeralOwner()) == EphemeralOwner.Type.NORMAL) throw new Fail(Code.BADVERSION);
      ChangeRecord parent = record(parentPath);
      recordDelete(parent, path, zxid);
      return new Prepared(new TxnHeader(0, 0, zxid, nowMillis, OpCode.DELETE_CONTAINER), new Txn.Delete(OpCode.DELETE_CONTAINER, path));
    } catch (Fail f) {
      return error(0, 0, zxid, nowMillis, f.code);
    }
  }

  /** Forgets the change records of txns applied up to {@code zxid} (FinalRequestProcessor). */
  public void applied(long zxid) {
    while (!outstanding.isEmpty() && outstanding.peekFirst().zxid() <= zxid) {
      ChangeRecord c = outstanding.pollFirst();
      if (outstandingByPath.get(c.path()) == c) outstandingByPath.remove(c.path());
    }
  }

  // ---------------------------------------------------------------- one op

  private Txn prepOne(Session ctx, int opCode, Request req, long zxid, long now) {
    return switch (opCode) {
      case OpCode.CREATE, OpCode.CREATE2, OpCode.CREATE_CONTAINER -> req instanceof Request.Create c
          ? create(ctx, opCode, c.path(), c.data(), c.acl(), c.flags(), -1, zxid, now) : marshalling();
      case OpCode.CREATE_TTL -> req instanceof Request.CreateTtl c
          ? create(ctx, opCode, c.path(), c.data(), c.acl(), c.flags(), c.ttl(), zxid, now) : marshalling();
      case OpCode.DELETE -> req instanceof Request.Delete d ? delete(ctx, d, zxid) : marshalling();
      case OpCode.SET_DATA -> req instanceof Request.SetData s ? setData(ctx, s, zxid, now) : marshalling();
      case OpCode.SET_ACL -> req instanceof Request.SetAcl s ? setAcl(ctx, s, zxid) : marshalling();
      case OpCode.CHECK -> req instanceof Request.CheckVersion c ? check(ctx, c) : marshalling();
      case OpCode.RECONFIG -> throw new Fail(Code.RECONFIGDISABLED);
      default -> throw new IllegalArgumentException("not a write opcode: " + opCode);
    };
  }

  private static Txn marshalling() { throw new Fail(Code.MARSHALLINGERROR); }

  private Txn create(Session ctx, int type, String path, byte[] data, List<Acl> acl, int flags, long ttl, long zxid, long now) {
    if (flags < 0 || flags > 6) throw new Fail(Code.BADARGUMENTS);
    boolean ephemeral = flags == 1 || flags == 3;
    boolean sequential = flags == 2 || flags == 3 || flags == 6;
    boolean container = flags == 4;
    boolean isTtl = flags == 5 || flags == 6;
    if (isTtl ? !EphemeralOwner.validTtl(ttl) : ttl >= 0) throw new Fail(Code.BADARGUMENTS);
    if (path == null) throw new Fail(Code.MARSHALLINGERROR);
    int lastSlash = path.lastIndexOf('/');
    if (lastSlash == -1 || path.indexOf('\0') != -1) throw new Fail(Code.BADARGUMENTS);
    String parentPath = lastSlash == 0 ? "/" : path.substring(0, lastSlash);
    List<Acl> listAcl = fixupAcl(ctx.authIds(), acl);
    ChangeRecord parent = record(parentPath);
    checkAcl(parent.acl(), Acl.CREATE, ctx);
    int parentCVersion = parent.stat().cversion();
    if (sequential) path = path + PathUtils.sequenceSuffix(parentCVersion);
    if (!PathUtils.isValid(path)) throw new Fail(Code.BADARGUMENTS);
    if (recordOrNull(path) != null) throw new Fail(Code.NODEEXISTS);
    if (EphemeralOwner.type(parent.stat().ephemeralOwner()) == EphemeralOwner.Type.NORMAL) throw new Fail(Code.NOCHILDRENFOREPHEMERALS);
    int newCversion = parentCVersion + 1;
    Txn txn = switch (type) {
      case OpCode.CREATE_CONTAINER -> new Txn.CreateContainer(path, data, listAcl, newCversion);
      case OpCode.CREATE_TTL -> new Txn.CreateTtl(path, data, listAcl, newCversion, ttl);
      default -> new Txn.Create(type, path, data, listAcl, ephemeral, newCversion);
    };
    long owner = container ? EphemeralOwner.CONTAINER : isTtl ? EphemeralOwner.ofTtl(ttl) : ephemeral ? ctx.sessionId() : 0;
    Stat ps = parent.stat();
    add(new ChangeRecord(zxid, parent.path(), Stats.withChildChange(ps, newCversion, zxid, parent.childCount() + 1),
        parent.childCount() + 1, parent.acl()));
    add(new ChangeRecord(zxid, path, Stats.create(zxid, now, owner, data), 0, listAcl));
    return txn;
  }

  private Txn delete(Session ctx, Request.Delete d, long zxid) {
    String path = d.path();
    if (path == null) throw new Fail(Code.MARSHALLINGERROR);
    String parentPath = parentForDelete(path);
    ChangeRecord parent = record(parentPath);
    checkAcl(parent.acl(), Acl.DELETE, ctx);
    ChangeRecord node = record(path);
    checkVersion(node.stat().version(), d.version());
    if (node.childCount() > 0) throw new Fail(Code.NOTEMPTY);
    recordDelete(parent, path, zxid);
    return new Txn.Delete(OpCode.DELETE, path);
  }

  private void recordDelete(ChangeRecord parent, String path, long zxid) {
    Stat ps = parent.stat();
    add(new ChangeRecord(zxid, parent.path(), Stats.withChildChange(ps, ps.cversion(), zxid, parent.childCount() - 1),
        parent.childCount() - 1, parent.acl()));
    add(new ChangeRecord(zxid, path, null, -1, null));
  }

  private Txn setData(Session ctx, Request.SetData s, long zxid, long now) {
    String path = validPath(s.path());
    ChangeRecord node = record(path);
    checkAcl(node.acl(), Acl.WRITE, ctx);
    int newVersion = checkVersion(node.stat().version(), s.version());
    add(new ChangeRecord(zxid, path, Stats.withData(node.stat(), newVersion, zxid, now, Stats.len(s.data())),
        node.childCount(), node.acl()));
    return new Txn.SetData(path, s.data(), newVersion);
  }

  private Txn setAcl(Session ctx, Request.SetAcl s, long zxid) {
    String path = validPath(s.path());
    List<Acl> listAcl = fixupAcl(ctx.authIds(), s.acl());
    ChangeRecord node = record(path);
    checkAcl(node.acl(), Acl.ADMIN, ctx);
    int newVersion = checkVersion(node.stat().aversion(), s.version());
    // As ZooKeeper: the record keeps the old ACL (ChangeRecord.duplicate), only the aversion moves.
    add(new ChangeRecord(zxid, path, Stats.withAversion(node.stat(), newVersion), node.childCount(), node.acl()));
    return new Txn.SetAcl(path, listAcl, newVersion);
  }

  private Txn check(Session ctx, Request.CheckVersion c) {
    String path = validPath(c.path());
    ChangeRecord node = record(path);
    checkAcl(node.acl(), Acl.READ, ctx);
    return new Txn.CheckVersion(path, checkVersion(node.stat().version(), c.version()));
  }

  // ---------------------------------------------------------------- helpers

  private static String validPath(String path) {
    if (path == null) throw new Fail(Code.MARSHALLINGERROR);
    if (!PathUtils.isValid(path)) throw new Fail(Code.BADARGUMENTS);
    return path;
  }

  /** getParentPathAndValidate: no full path check, but the root and /zookeeper nodes cannot be deleted. */
  private static String parentForDelete(String path) {
    int lastSlash = path.lastIndexOf('/');
    if (lastSlash == -1 || path.indexOf('\0') != -1 || DataTree.SPECIAL_PATHS.contains(path)) throw new Fail(Code.BADARGUMENTS);
    return lastSlash == 0 ? "/" : path.substring(0, lastSlash);
  }

  private static int checkVersion(int current, int expected) {
    if (expected != -1 && expected != current) throw new Fail(Code.BADVERSION);
    return current + 1;
  }

  private static void checkAcl(List<Acl> acl, int perm, Session ctx) {
    if (!Auth.allowed(acl, perm, ctx.authIds())) throw new Fail(Code.NOAUTH);
  }

  private void add(ChangeRecord c) {
    outstanding.addLast(c);
    outstandingByPath.put(c.path(), c);
  }

  private ChangeRecord record(String path) {
    ChangeRecord c = recordOrNull(path);
    if (c == null) throw new Fail(Code.NONODE);
    return c;
  }

  /** The node as outstanding changes leave it, or null if it does not (or will not) exist. */
  private ChangeRecord recordOrNull(String path) {
    ChangeRecord c = outstandingByPath.get(path);
    if (c == null) {
      DataNode n = tree.node(path);
      if (n == null) return null;
      synchronized (n) {
        c = new ChangeRecord(-1, path, n.persistedStat(), n.childCount(), n.acl());
      }
    }
    return c.stat() == null ? null : c;
  }

  /** PrepRequestProcessor.fixupACL: dedupe, validate, and expand {@code auth} to the caller's authenticated ids. */
  static List<Acl> fixupAcl(List<Id> authIds, List<Acl> acls) {
    if (acls == null || acls.isEmpty()) throw new Fail(Code.INVALIDACL);
    List<Acl> uniq = new ArrayList<>(acls.size());
    for (Acl a : acls) if (!uniq.contains(a)) uniq.add(a);
    List<Acl> out = new ArrayList<>(uniq.size());
    for (Acl a : uniq) {
      if (a == null || a.id() == null || a.id().scheme() == null) throw new Fail(Code.INVALIDACL);
      Id id = a.id();
      if ("world".equals(id.scheme()) && "anyone".equals(id.id())) {
        out.add(a);
      } else if ("auth".equals(id.scheme())) {
        boolean any = false;
        for (Id cid : authIds) {
          // Only providers that authenticate (digest) expand "auth"; ip and super ids do not.
          if ("digest".equals(cid.scheme())) {
            out.add(new Acl(a.perms(), cid));
            any = true;
          }
        }
        if (!any) throw new Fail(Code.INVALIDACL);
      } else {
        if (!Auth.knownScheme(id.scheme()) || !Auth.isValid(id.scheme(), id.id())) throw new Fail(Code.INVALIDACL);
        out.add(a);
      }
    }
    return out.equals(Acl.OPEN_ACL_UNSAFE) ? Acl.OPEN_ACL_UNSAFE : out;
  }
}
