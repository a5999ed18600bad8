package io.drover.coord.tree;

import io.drover.coord.wire.Acl;
import io.drover.coord.wire.Id;
import io.drover.coord.wire.OpCode;
import io.drover.coord.wire.Request;
import io.drover.coord.wire.Txn;
import io.drover.coord.wire.TxnHeader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A tree with its Prep, a zxid counter and a manual clock; writes go prepare → apply → applied. */
final class Fixture {
  final DataTree tree = new DataTree();
  final Prep prep = new Prep(tree);
  final Reads reads = new Reads(tree);
  final List<Prepared> log = new ArrayList<>();
  long zxid = 0x100000000L;
  long now = 1_000_000L;
  int cxid;

  static Session session(long id) { return session(id, id); }

  static Session session(long id, long watcherId, Id... extra) {
    List<Id> ids = new ArrayList<>();
    ids.add(new Id("ip", "127.0.0.1"));
    ids.addAll(List.of(extra));
    return new Session(id, watcherId, ids, "127.0.0.1");
  }

  static final Session S1 = session(1);

  Prepared prepare(Session s, int op, Request req) {
    now += 10;
    Prepared p = prep.prepare(s, ++cxid, op, req, ++zxid, now);
    log.add(p);
    return p;
  }

  ApplyResult apply(Prepared p) {
    ApplyResult r = tree.apply(p.header(), p.txn());
    prep.applied(p.header().zxid());
    return r;
  }

  ApplyResult write(Session s, int op, Request req) { return apply(prepare(s, op, req)); }

  ApplyResult create(String path, String data) { return create(S1, path, data, 0); }

  ApplyResult create(Session s, String path, String data, int flags) {
    return write(s, OpCode.CREATE2, new Request.Create(path, bytes(data), Acl.OPEN_ACL_UNSAFE, flags));
  }

  ApplyResult delete(String path, int version) { return write(S1, OpCode.DELETE, new Request.Delete(path, version)); }

  ApplyResult setData(String path, String data, int version) {
    return write(S1, OpCode.SET_DATA, new Request.SetData(path, bytes(data), version));
  }

  ApplyResult closeSession(long sessionId) {
    now += 10;
    Prepared p = prep.prepareCloseSession(sessionId, ++cxid, ++zxid, now);
    log.add(p);
    return apply(p);
  }

  static byte[] bytes(String s) { return s == null ? null : s.getBytes(StandardCharsets.UTF_8); }

  static int errOf(Prepared p) { return p.txn() instanceof Txn.Error e ? e.err() : 0; }

  static TxnHeader hdr(Prepared p) { return p.header(); }

  static Request.Op op(int type, Request body) { return new Request.Op(type, body); }

  static final int ERR = OpCode.ERROR;
}
