package io.drover.coord.tree;

import io.drover.coord.wire.Acl;
import io.drover.coord.wire.Code;
import io.drover.coord.wire.Id;
import io.drover.coord.wire.OpCode;
import io.drover.coord.wire.Request;
import io.drover.coord.wire.Response;
import io.drover.coord.wire.Stat;
import io.drover.coord.wire.WatcherEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Serves reads from the tree as FinalRequestProcessor does, including ACL checks and watch
 * registration. A watch is added under the node's monitor, as DataTree does, so a concurrent write
 * either shows in the result or fires the watch.
 */
public final class Reads {
  private final DataTree tree;
  private final WatchManager watches;

  public Reads(DataTree tree) {
    this.tree = tree;
    this.watches = tree.watches();
  }

  /** Serves one read op; see the class comment. Non-read opcodes answer UNIMPLEMENTED. */
  public ReadResult read(int opCode, Request req, Session ctx) {
    return switch (opCode) {
      case OpCode.EXISTS -> req instanceof Request.Exists r ? exists(r, ctx) : bad();
      case OpCode.GET_DATA -> req instanceof Request.GetData r ? getData(r.path(), r.watch(), ctx) : bad();
      case OpCode.GET_CHILDREN -> req instanceof Request.GetChildren r ? getChildren(r.path(), r.watch(), false, ctx) : bad();
      case OpCode.GET_CHILDREN2 -> req instanceof Request.GetChildren r ? getChildren(r.path(), r.watch(), true, ctx) : bad();
      case OpCode.GET_ACL -> req instanceof Request.GetAcl r ? getAcl(r.path(), ctx) : bad();
      case OpCode.GET_EPHEMERALS -> req instanceof Request.GetEphemerals r ? getEphemerals(r.prefixPath(), ctx) : bad();
      case OpCode.GET_ALL_CHILDREN_NUMBER -> req instanceof Request.GetAllChildrenNumber r ? allChildren(r.path(), ctx) : bad();
      case OpCode.MULTI_READ -> req instanceof Request.Multi r ? multiRead(r, ctx) : bad();
      case OpCode.CHECK_WATCHES -> req instanceof Request.WatchesOf r ? checkWatches(r, ctx, false) : bad();
      case OpCode.REMOVE_WATCHES -> req instanceof Request.WatchesOf r ? checkWatches(r, ctx, true) : bad();
      case OpCode.ADD_WATCH -> req instanceof Request.AddWatch r ? addWatch(r, ctx) : bad();
      case OpCode.WHO_AM_I -> whoAmI(ctx);
      case OpCode.SYNC -> req instanceof Request.Sync r ? ReadResult.ok(new Response.Sync(r.path())) : bad();
      default -> ReadResult.fail(Code.UNIMPLEMENTED);
    };
  }

  private static ReadResult bad() { return ReadResult.fail(Code.MARSHALLINGERROR); }

  private ReadResult exists(Request.Exists r, Session ctx) {
    String path = r.path();
    if (path == null) return bad();
    if (path.indexOf('\0') != -1) return ReadResult.fail(Code.BADARGUMENTS);
    DataNode n = tree.node(path);
    if (n != null && !Auth.allowed(n.acl(), Acl.READ, ctx.authIds())) return ReadResult.fail(Code.NOAUTH);
    // As DataTree.statNode: the watch is set first, even when the node does not exist.
    if (r.watch()) watches.add(path, ctx.watcherId(), WatchKind.DATA);
    n = tree.node(path);
    if (n == null) return ReadResult.fail(Code.NONODE);
    return ReadResult.ok(new Response.StatOnly(n.stat()));
  }

  private ReadResult getData(String path, boolean watch, Session ctx) {
    if (path == null) return bad();
    DataNode n = tree.node(path);
    if (n == null) return ReadResult.fail(Code.NONODE);
    if (!Auth.allowed(n.acl(), Acl.READ, ctx.authIds())) return ReadResult.fail(Code.NOAUTH);
    Stat s;
    byte[] data;
    synchronized (n) {
      s = n.stat();
      data = n.data();
      if (watch) watches.add(path, ctx.watcherId(), WatchKind.DATA);
    }
    return ReadResult.ok(new Response.GetData(data, s));
  }

  private ReadResult getChildren(String path, boolean watch, boolean withStat, Session ctx) {
    if (path == null) return bad();
    DataNode n = tree.node(path);
    if (n == null) return ReadResult.fail(Code.NONODE);
    if (!Auth.allowed(n.acl(), Acl.READ, ctx.authIds())) return ReadResult.fail(Code.NOAUTH);
    Stat s;
    List<String> children;
    synchronized (n) {
      s = n.stat();
      children = n.children();
      if (watch) watches.add(path, ctx.watcherId(), WatchKind.CHILD);
    }
    return ReadResult.ok(withStat ? new Response.GetChildren2(children, s) : new Response.GetChildren(children));
  }

  private ReadResult getAcl(String path, Session ctx) {
    if (path == null) return bad();
    DataNode n = tree.node(path);
    if (n == null) return ReadResult.fail(Code.NONODE);
    List<Acl> acl;
    Stat s;
    synchronized (n) {
      acl = n.acl();
      s = n.stat();
    }
    if (!Auth.allowed(acl, Acl.READ | Acl.ADMIN, ctx.authIds())) return ReadResult.fail(Code.NOAUTH);
    if (Auth.allowed(acl, Acl.ADMIN, ctx.authIds())) return ReadResult.ok(new Response.GetAcl(acl, s));
    // Without ADMIN, digest hashes are masked (ZOOKEEPER-1392 follow-up in FinalRequestProcessor).
    List<Acl> masked = new ArrayList<>(acl.size());
    for (Acl a : acl) {
      if ("digest".equals(a.id().scheme())) {
        masked.add(new Acl(a.perms(), new Id("digest", a.id().id().replaceAll(":.*", ":x"))));
      } else {
        masked.add(a);
      }
    }
    return ReadResult.ok(new Response.GetAcl(masked, s));
  }

  private ReadResult getEphemerals(String prefix, Session ctx) {
    List<String> all = tree.ephemerals(ctx.sessionId());
    if (prefix == null || prefix.trim().isEmpty() || "/".equals(prefix.trim())) return ReadResult.ok(new Response.Ephemerals(all));
    List<String> out = new ArrayList<>();
    for (String p : all) if (p.startsWith(prefix)) out.add(p);
    return ReadResult.ok(new Response.Ephemerals(out));
  }

  private ReadResult allChildren(String path, Session ctx) {
    if (path == null) return bad();
    DataNode n = tree.node(path);
    if (n == null) return ReadResult.fail(Code.NONODE);
    if (!Auth.allowed(n.acl(), Acl.READ, ctx.authIds())) return ReadResult.fail(Code.NOAUTH);
    return ReadResult.ok(new Response.AllChildrenNumber(tree.allChildrenNumber(path)));
  }

  private ReadResult multiRead(Request.Multi m, Session ctx) {
    List<Response.OpResult> results = new ArrayList<>(m.ops().size());
    for (Request.Op op : m.ops()) {
      ReadResult r;
      if (op.type() == OpCode.GET_CHILDREN && op.body() instanceof Request.GetChildren g) {
        r = getChildren(g.path(), g.watch(), false, ctx);
      } else if (op.type() == OpCode.GET_DATA && op.body() instanceof Request.GetData g) {
        r = getData(g.path(), g.watch(), ctx);
      } else {
        return bad(); // "Invalid type of readOp": the whole request fails
      }
      if (r.err() == Code.MARSHALLINGERROR) return r;
      results.add(r.err() == Code.OK
          ? new Response.OpResult(op.type(), 0, r.body())
          : new Response.OpResult(OpCode.ERROR, r.err().value, new Response.Error(r.err().value)));
    }
    return ReadResult.ok(new Response.Multi(results));
  }

  private ReadResult checkWatches(Request.WatchesOf r, Session ctx, boolean remove) {
    if (r.path() == null || r.type() < WatchManager.TYPE_CHILDREN || r.type() > WatchManager.TYPE_RECURSIVE) return bad();
    boolean found = remove
        ? watches.remove(r.path(), ctx.watcherId(), r.type())
        : watches.contains(r.path(), ctx.watcherId(), r.type());
    return found ? ReadResult.ok(new Response.Empty()) : ReadResult.fail(Code.NOWATCHER);
  }

  private ReadResult addWatch(Request.AddWatch r, Session ctx) {
    if (r.path() == null) return bad();
    WatchKind kind = switch (r.mode()) {
      case 0 -> WatchKind.PERSISTENT;
      case 1 -> WatchKind.PERSISTENT_RECURSIVE;
      default -> null;
    };
    if (kind == null) return bad();
    watches.add(r.path(), ctx.watcherId(), kind);
    return ReadResult.ok(new Response.Error(0));
  }

  private static ReadResult whoAmI(Session ctx) {
    List<Response.ClientInfo> infos = new ArrayList<>(ctx.authIds().size());
    for (Id id : ctx.authIds()) infos.add(new Response.ClientInfo(id.scheme(), Auth.userName(id)));
    return ReadResult.ok(new Response.WhoAmI(infos));
  }

  /**
   * setWatches/setWatches2 after a reconnect (DataTree.setWatches): events the client missed since
   * {@code relativeZxid} come back at once (zxid -1, as ZooKeeper's WatchedEvent without one); the
   * other watches are registered. Persistent watches are always re-registered.
   */
  public List<Delivery> setWatches(Request.SetWatches req, long watcherId) {
    List<Delivery> out = new ArrayList<>();
    long rel = req.relativeZxid();
    for (String path : orEmpty(req.dataWatches())) {
      DataNode n = tree.node(path);
      if (n == null) out.add(event(watcherId, WatcherEvent.NODE_DELETED, path));
      else if (n.stat().mzxid() > rel) out.add(event(watcherId, WatcherEvent.NODE_DATA_CHANGED, path));
      else watches.add(path, watcherId, WatchKind.DATA);
    }
    for (String path : orEmpty(req.existWatches())) {
      if (tree.node(path) != null) out.add(event(watcherId, WatcherEvent.NODE_CREATED, path));
      else watches.add(path, watcherId, WatchKind.DATA);
    }
    for (String path : orEmpty(req.childWatches())) {
      DataNode n = tree.node(path);
      if (n == null) out.add(event(watcherId, WatcherEvent.NODE_DELETED, path));
      else if (n.stat().pzxid() > rel) out.add(event(watcherId, WatcherEvent.NODE_CHILDREN_CHANGED, path));
      else watches.add(path, watcherId, WatchKind.CHILD);
    }
    for (String path : orEmpty(req.persistentWatches())) watches.add(path, watcherId, WatchKind.PERSISTENT);
    for (String path : orEmpty(req.persistentRecursiveWatches())) watches.add(path, watcherId, WatchKind.PERSISTENT_RECURSIVE);
    return out;
  }

  private static List<String> orEmpty(List<String> l) { return l == null ? Collections.emptyList() : l; }

  private static Delivery event(long watcherId, int type, String path) {
    return new Delivery(watcherId, new WatcherEvent(type, WatcherEvent.STATE_SYNC_CONNECTED, path), -1);
  }
}
