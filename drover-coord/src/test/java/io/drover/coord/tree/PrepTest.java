package io.drover.coord.tree;

import static io.drover.coord.tree.Fixture.S1;
import static io.drover.coord.tree.Fixture.bytes;
import static io.drover.coord.tree.Fixture.errOf;
import static io.drover.coord.tree.Fixture.op;
import static org.assertj.core.api.Assertions.assertThat;

import io.drover.coord.wire.Acl;
import io.drover.coord.wire.Code;
import io.drover.coord.wire.Id;
import io.drover.coord.wire.OpCode;
import io.drover.coord.wire.Request;
import io.drover.coord.wire.Response;
import io.drover.coord.wire.Txn;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrepTest {
  final Fixture f = new Fixture();

  private int createErr(String path, int flags) {
    return errOf(f.prepare(S1, OpCode.CREATE, new Request.Create(path, null, Acl.OPEN_ACL_UNSAFE, flags)));
  }

  @Test
  void createErrorsFollowZooKeepersOrder() {
    f.create("/a", "x");
    assertThat(createErr("/a", 0)).isEqualTo(Code.NODEEXISTS.value);
    assertThat(createErr("/missing/b", 0)).isEqualTo(Code.NONODE.value);
    assertThat(createErr("noslash", 0)).isEqualTo(Code.BADARGUMENTS.value);
    assertThat(createErr("/a/", 0)).isEqualTo(Code.BADARGUMENTS.value);
    // The parent is looked up before the full path check, as in PrepRequestProcessor.
    assertThat(createErr("/a//b", 0)).isEqualTo(Code.NONODE.value);
    assertThat(createErr("/a/.", 0)).isEqualTo(Code.BADARGUMENTS.value);
    assertThat(createErr("/a/\u0000", 0)).isEqualTo(Code.BADARGUMENTS.value);
    assertThat(createErr("/a/b", 7)).isEqualTo(Code.BADARGUMENTS.value);
    assertThat(createErr("/a/b", -1)).isEqualTo(Code.BADARGUMENTS.value);
    // TTL flags without a TTL (plain create carries ttl -1).
    assertThat(createErr("/a/b", 5)).isEqualTo(Code.BADARGUMENTS.value);
    // Empty ACL.
    assertThat(errOf(f.prepare(S1, OpCode.CREATE, new Request.Create("/c", null, List.of(), 0)))).isEqualTo(Code.INVALIDACL.value);
    // The failed write still uses a zxid, as an Error txn with header type -1.
    Prepared p = f.prepare(S1, OpCode.CREATE, new Request.Create("/a", null, Acl.OPEN_ACL_UNSAFE, 0));
    assertThat(p.header().type()).isEqualTo(OpCode.ERROR);
    assertThat(p.header().zxid()).isEqualTo(f.zxid);
    ApplyResult r = f.apply(p);
    assertThat(r.err()).isEqualTo(Code.NODEEXISTS);
    assertThat(f.tree.lastProcessedZxid()).isEqualTo(f.zxid);
  }

  @Test
  void ephemeralsCannotHaveChildrenButContainersAndTtlsCan() {
    f.create(Fixture.session(7), "/e", "", 1);
    assertThat(createErr("/e/c", 0)).isEqualTo(Code.NOCHILDRENFOREPHEMERALS.value);
    f.write(S1, OpCode.CREATE_CONTAINER, new Request.Create("/box", null, Acl.OPEN_ACL_UNSAFE, 4));
    assertThat(f.create("/box/c", "").err()).isEqualTo(Code.OK);
    f.write(S1, OpCode.CREATE_TTL, new Request.CreateTtl("/ttl", null, Acl.OPEN_ACL_UNSAFE, 5, 1000));
    assertThat(f.create("/ttl/c", "").err()).isEqualTo(Code.OK);
    assertThat(f.tree.node("/e").stat().ephemeralOwner()).isEqualTo(7);
    assertThat(f.tree.node("/box").persistedStat().ephemeralOwner()).isEqualTo(0x8000000000000000L);
    assertThat(f.tree.node("/ttl").persistedStat().ephemeralOwner()).isEqualTo(0xFF000000000003E8L);
    // Clients see 0 for containers and TTL nodes (DataNode.copyStat).
    assertThat(f.tree.node("/box").stat().ephemeralOwner()).isZero();
    assertThat(f.tree.node("/ttl").stat().ephemeralOwner()).isZero();
  }

  @Test
  void ttlRules() {
    int ttl = OpCode.CREATE_TTL;
    assertThat(errOf(f.prepare(S1, ttl, new Request.CreateTtl("/t", null, Acl.OPEN_ACL_UNSAFE, 5, 0)))).isEqualTo(Code.BADARGUMENTS.value);
    assertThat(errOf(f.prepare(S1, ttl, new Request.CreateTtl("/t", null, Acl.OPEN_ACL_UNSAFE, 5, -5)))).isEqualTo(Code.BADARGUMENTS.value);
    assertThat(errOf(f.prepare(S1, ttl, new Request.CreateTtl("/t", null, Acl.OPEN_ACL_UNSAFE, 5, EphemeralOwner.MAX_TTL_MS + 1))))
        .isEqualTo(Code.BADARGUMENTS.value);
    // A TTL with a non-TTL mode is refused too.
    assertThat(errOf(f.prepare(S1, ttl, new Request.CreateTtl("/t", null, Acl.OPEN_ACL_UNSAFE, 0, 100)))).isEqualTo(Code.BADARGUMENTS.value);
    Prepared ok = f.prepare(S1, ttl, new Request.CreateTtl("/t", null, Acl.OPEN_ACL_UNSAFE, 6, EphemeralOwner.MAX_TTL_MS));
    assertThat(ok.txn()).isInstanceOf(Txn.CreateTtl.class);
    assertThat(((Txn.CreateTtl) ok.txn()).path()).isEqualTo("/t0000000000");
  }

  @Test
  void sequentialNamesUseTheParentCversionIncludingOutstandingCreates() {
    f.create("/q", "");
    Request.Create seq = new Request.Create("/q/n-", null, Acl.OPEN_ACL_UNSAFE, 2);
    Prepared a = f.prepare(S1, OpCode.CREATE, seq);
    Prepared b = f.prepare(S1, OpCode.CREATE, seq);
    assertThat(((Txn.Create) a.txn()).path()).isEqualTo("/q/n-0000000000");
    assertThat(((Txn.Create) b.txn()).path()).isEqualTo("/q/n-0000000001");
    assertThat(((Txn.Create) b.txn()).parentCVersion()).isEqualTo(2);
    assertThat(f.apply(a).path()).isEqualTo("/q/n-0000000000");
    assertThat(f.apply(b).path()).isEqualTo("/q/n-0000000001");
    // Deletes do not bump cversion, so the counter is not reused but does not advance either.
    f.delete("/q/n-0000000001", -1);
    assertThat(f.apply(f.prepare(S1, OpCode.CREATE, seq)).path()).isEqualTo("/q/n-0000000002");
    assertThat(f.tree.node("/q").persistedStat().cversion()).isEqualTo(3);
    assertThat(f.tree.node("/q").stat().cversion()).isEqualTo(4);
  }

  @Test
  void twoCreatesPreparedBeforeEitherIsAppliedSecondGetsNodeExists() {
    Request.Create c = new Request.Create("/x", null, Acl.OPEN_ACL_UNSAFE, 0);
    Prepared a = f.prepare(S1, OpCode.CREATE, c);
    Prepared b = f.prepare(S1, OpCode.CREATE, c);
    assertThat(a.txn()).isInstanceOf(Txn.Create.class);
    assertThat(errOf(b)).isEqualTo(Code.NODEEXISTS.value);
    // A child of the not-yet-applied node can be prepared; a delete of it is seen by later preps.
    Prepared child = f.prepare(S1, OpCode.CREATE, new Request.Create("/x/y", null, Acl.OPEN_ACL_UNSAFE, 0));
    assertThat(child.txn()).isInstanceOf(Txn.Create.class);
    assertThat(errOf(f.prepare(S1, OpCode.DELETE, new Request.Delete("/x", -1)))).isEqualTo(Code.NOTEMPTY.value);
    f.apply(a);
    f.apply(b);
    f.apply(child);
    assertThat(f.prep.outstandingCount()).isZero();
    assertThat(f.tree.node("/x").children()).containsExactly("y");
  }

  @Test
  void deleteErrors() {
    f.create("/d", "");
    f.create("/d/c", "");
    assertThat(errOf(f.prepare(S1, OpCode.DELETE, new Request.Delete("/d", -1)))).isEqualTo(Code.NOTEMPTY.value);
    assertThat(errOf(f.prepare(S1, OpCode.DELETE, new Request.Delete("/d/c", 3)))).isEqualTo(Code.BADVERSION.value);
    assertThat(errOf(f.prepare(S1, OpCode.DELETE, new Request.Delete("/nope", -1)))).isEqualTo(Code.NONODE.value);
    assertThat(errOf(f.prepare(S1, OpCode.DELETE, new Request.Delete("/nope/x", -1)))).isEqualTo(Code.NONODE.value);
    for (String special : List.of("/", "/zookeeper", "/zookeeper/quota", "/zookeeper/config")) {
      assertThat(errOf(f.prepare(S1, OpCode.DELETE, new Request.Delete(special, -1)))).as(special).isEqualTo(Code.BADARGUMENTS.value);
    }
    assertThat(f.delete("/d/c", 0).err()).isEqualTo(Code.OK);
  }

  @Test
  void setDataSetAclCheckErrors() {
    f.create("/s", "a");
    assertThat(errOf(f.prepare(S1, OpCode.SET_DATA, new Request.SetData("/s", null, 5)))).isEqualTo(Code.BADVERSION.value);
    assertThat(errOf(f.prepare(S1, OpCode.SET_DATA, new Request.SetData("/nope", null, -1)))).isEqualTo(Code.NONODE.value);
    assertThat(errOf(f.prepare(S1, OpCode.SET_DATA, new Request.SetData("bad", null, -1)))).isEqualTo(Code.BADARGUMENTS.value);
    assertThat(errOf(f.prepare(S1, OpCode.SET_DATA, new Request.SetData("/zookeeper/config", null, -1)))).isEqualTo(Code.NOAUTH.value);
    assertThat(errOf(f.prepare(S1, OpCode.SET_ACL, new Request.SetAcl("/s", List.of(), -1)))).isEqualTo(Code.INVALIDACL.value);
    assertThat(errOf(f.prepare(S1, OpCode.SET_ACL, new Request.SetAcl("/s", Acl.OPEN_ACL_UNSAFE, 1)))).isEqualTo(Code.BADVERSION.value);
    assertThat(errOf(f.prepare(S1, OpCode.SET_ACL, new Request.SetAcl("/s", Acl.CREATOR_ALL_ACL, -1)))).isEqualTo(Code.INVALIDACL.value);
    assertThat(errOf(f.prepare(S1, OpCode.SET_ACL, new Request.SetAcl("/s", List.of(new Acl(31, new Id("world", "x"))), -1))))
        .isEqualTo(Code.INVALIDACL.value);
    assertThat(errOf(f.prepare(S1, OpCode.CHECK, new Request.CheckVersion("/s", 1)))).isEqualTo(Code.BADVERSION.value);
    assertThat(errOf(f.prepare(S1, OpCode.CHECK, new Request.CheckVersion("/s", 0)))).isZero();
    assertThat(errOf(f.prepare(S1, OpCode.CREATE, new Request.Delete("/s", 0)))).isEqualTo(Code.MARSHALLINGERROR.value);
    // Creating under /zookeeper is allowed, as in ZooKeeper (its ACL is world:anyone ALL).
    assertThat(f.create("/zookeeper/mine", "").err()).isEqualTo(Code.OK);
  }

  @Test
  void aclChecksAndAuthExpansion() {
    Id digest = new Id("digest", Auth.digest("bob:pw"));
    Session bob = Fixture.session(2, 2, digest);
    ApplyResult r = f.write(bob, OpCode.CREATE, new Request.Create("/bob", null, Acl.CREATOR_ALL_ACL, 0));
    assertThat(r.err()).isEqualTo(Code.OK);
    assertThat(f.tree.node("/bob").acl()).containsExactly(new Acl(Acl.ALL, digest));
    // Someone else may not write, delete children, or change the ACL.
    assertThat(errOf(f.prepare(S1, OpCode.SET_DATA, new Request.SetData("/bob", null, -1)))).isEqualTo(Code.NOAUTH.value);
    assertThat(errOf(f.prepare(S1, OpCode.CREATE, new Request.Create("/bob/x", null, Acl.OPEN_ACL_UNSAFE, 0)))).isEqualTo(Code.NOAUTH.value);
    assertThat(errOf(f.prepare(S1, OpCode.SET_ACL, new Request.SetAcl("/bob", Acl.OPEN_ACL_UNSAFE, -1)))).isEqualTo(Code.NOAUTH.value);
    assertThat(errOf(f.prepare(S1, OpCode.CHECK, new Request.CheckVersion("/bob", -1)))).isEqualTo(Code.NOAUTH.value);
    assertThat(errOf(f.prepare(bob, OpCode.SET_DATA, new Request.SetData("/bob", null, -1)))).isZero();
    // Read-only for the world: create needs CREATE on the parent.
    f.write(S1, OpCode.CREATE, new Request.Create("/ro", null, Acl.READ_ACL_UNSAFE, 0));
    assertThat(errOf(f.prepare(S1, OpCode.CREATE, new Request.Create("/ro/x", null, Acl.OPEN_ACL_UNSAFE, 0)))).isEqualTo(Code.NOAUTH.value);
    // Delete needs DELETE on the parent, not on the node.
    f.write(S1, OpCode.CREATE, new Request.Create("/p", null, List.of(new Acl(Acl.ALL & ~Acl.DELETE, Id.ANYONE)), 0));
    f.create("/p/c", "");
    assertThat(errOf(f.prepare(S1, OpCode.DELETE, new Request.Delete("/p/c", -1)))).isEqualTo(Code.NOAUTH.value);
  }

  @Test
  void multiSuccessShape() {
    f.create("/m", "v");
    ApplyResult r = f.write(S1, OpCode.MULTI, new Request.Multi(List.of(
        op(OpCode.CREATE, new Request.Create("/m/a", null, Acl.OPEN_ACL_UNSAFE, 0)),
        op(OpCode.CREATE2, new Request.Create("/m/a/b", null, Acl.OPEN_ACL_UNSAFE, 2)),
        op(OpCode.SET_DATA, new Request.SetData("/m", bytes("w"), 0)),
        op(OpCode.CHECK, new Request.CheckVersion("/m", 1)),
        op(OpCode.DELETE, new Request.Delete("/m/a/b0000000000", 0)))));
    assertThat(r.err()).isEqualTo(Code.OK);
    List<Response.OpResult> res = r.multiResults();
    assertThat(res).extracting(Response.OpResult::type).containsExactly(1, 15, 5, 13, 2);
    assertThat(res).extracting(Response.OpResult::err).containsOnly(0);
    assertThat(res.get(0).body()).isEqualTo(new Response.Create("/m/a"));
    Response.Create2 c2 = (Response.Create2) res.get(1).body();
    assertThat(c2.path()).isEqualTo("/m/a/b0000000000");
    assertThat(c2.stat().czxid()).isEqualTo(f.zxid);
    assertThat(((Response.StatOnly) res.get(2).body()).stat().version()).isEqualTo(1);
    assertThat(f.tree.node("/m/a").children()).isEmpty();
    assertThat(f.tree.node("/m/a").stat().cversion()).isEqualTo(2);
  }

  @Test
  void multiFailureShapeAndRollback() {
    f.create("/m", "v");
    Request.Multi m = new Request.Multi(List.of(
        op(OpCode.CREATE, new Request.Create("/m/s-", null, Acl.OPEN_ACL_UNSAFE, 2)),
        op(OpCode.SET_DATA, new Request.SetData("/m", bytes("w"), -1)),
        op(OpCode.DELETE, new Request.Delete("/nope", -1)),
        op(OpCode.CREATE, new Request.Create("/m/z", null, Acl.OPEN_ACL_UNSAFE, 0))));
    Prepared p = f.prepare(S1, OpCode.MULTI, m);
    assertThat(p.header().type()).isEqualTo(OpCode.MULTI);
    List<Txn> txns = ((Txn.Multi) p.txn()).txns();
    // As PrepRequestProcessor: ops before the failure keep their txns, the failure and the rest are errors.
    assertThat(txns.get(0)).isInstanceOf(Txn.Create.class);
    assertThat(txns.get(1)).isInstanceOf(Txn.SetData.class);
    assertThat(txns.subList(2, 4)).containsExactly(new Txn.Error(Code.NONODE.value), new Txn.Error(Code.RUNTIMEINCONSISTENCY.value));
    assertThat(f.prep.outstandingCount()).isZero(); // rolled back
    ApplyResult r = f.apply(p);
    assertThat(r.err()).isEqualTo(Code.OK);
    assertThat(r.multiResults()).extracting(Response.OpResult::type).containsOnly(-1);
    assertThat(r.multiResults()).extracting(Response.OpResult::err).containsExactly(0, 0, -101, -2);
    assertThat(r.multiResults().get(2).body()).isEqualTo(new Response.Error(-101));
    assertThat(f.tree.node("/m").children()).isEmpty();
    assertThat(f.tree.node("/m").stat().version()).isZero();
    // The rolled-back sequential create did not consume a sequence number.
    assertThat(f.apply(f.prepare(S1, OpCode.CREATE, new Request.Create("/m/s-", null, Acl.OPEN_ACL_UNSAFE, 2))).path())
        .isEqualTo("/m/s-0000000000");
  }

  @Test
  void multiRollbackRestoresEarlierOutstandingRecords() {
    f.create("/m", "");
    Prepared first = f.prepare(S1, OpCode.CREATE, new Request.Create("/m/s-", null, Acl.OPEN_ACL_UNSAFE, 2));
    Prepared failedMulti = f.prepare(S1, OpCode.MULTI, new Request.Multi(List.of(
        op(OpCode.CREATE, new Request.Create("/m/s-", null, Acl.OPEN_ACL_UNSAFE, 2)),
        op(OpCode.CHECK, new Request.CheckVersion("/m", 99)))));
    assertThat(((Txn.Multi) failedMulti.txn()).txns().get(1)).isEqualTo(new Txn.Error(Code.BADVERSION.value));
    Prepared next = f.prepare(S1, OpCode.CREATE, new Request.Create("/m/s-", null, Acl.OPEN_ACL_UNSAFE, 2));
    assertThat(((Txn.Create) first.txn()).path()).isEqualTo("/m/s-0000000000");
    assertThat(((Txn.Create) next.txn()).path()).isEqualTo("/m/s-0000000001");
  }

  @Test
  void multiWithAReadOpIsAMarshallingError() {
    Prepared p = f.prepare(S1, OpCode.MULTI, new Request.Multi(List.of(op(OpCode.GET_DATA, new Request.GetData("/", false)))));
    assertThat(errOf(p)).isEqualTo(Code.MARSHALLINGERROR.value);
  }

  @Test
  void closeSessionListsEphemeralsIncludingOutstandingOnes() {
    Session s9 = Fixture.session(9);
    f.create(s9, "/e1", "", 1);
    f.create(s9, "/e2", "", 1);
    Prepared pending = f.prepare(s9, OpCode.CREATE, new Request.Create("/e3", null, Acl.OPEN_ACL_UNSAFE, 1));
    Prepared del = f.prepare(s9, OpCode.DELETE, new Request.Delete("/e1", -1));
    Prepared close = f.prep.prepareCloseSession(9, 99, ++f.zxid, f.now);
    assertThat(close.header().type()).isEqualTo(OpCode.CLOSE_SESSION);
    assertThat(close.header().clientId()).isEqualTo(9);
    assertThat(((Txn.CloseSession) close.txn()).paths2Delete()).containsExactly("/e2", "/e3");
    f.apply(pending);
    f.apply(del);
    ApplyResult r = f.apply(close);
    assertThat(r.err()).isEqualTo(Code.OK);
    assertThat(f.tree.node("/e2")).isNull();
    assertThat(f.tree.node("/e3")).isNull();
    assertThat(f.tree.ephemeralCount()).isZero();
    assertThat(f.tree.sessionsWithEphemerals()).isEmpty();
    assertThat(f.tree.node("/").stat().pzxid()).isEqualTo(close.header().zxid());
  }

  @Test
  void deleteContainerRules() {
    f.write(S1, OpCode.CREATE_CONTAINER, new Request.Create("/c", null, Acl.OPEN_ACL_UNSAFE, 4));
    f.create("/c/child", "");
    Prepared notEmpty = f.prep.prepareDeleteContainer("/c", ++f.zxid, f.now);
    assertThat(notEmpty.header().type()).isEqualTo(OpCode.ERROR);
    assertThat(errOf(notEmpty)).isEqualTo(Code.NOTEMPTY.value);
    f.apply(notEmpty);
    f.delete("/c/child", -1);
    assertThat(f.tree.containerCandidates()).containsExactly("/c");
    Prepared ok = f.prep.prepareDeleteContainer("/c", ++f.zxid, f.now);
    assertThat(ok.header().type()).isEqualTo(OpCode.DELETE_CONTAINER);
    assertThat(ok.header().clientId()).isZero();
    assertThat(ok.txn()).isEqualTo(new Txn.Delete(OpCode.DELETE_CONTAINER, "/c"));
    f.apply(ok);
    assertThat(f.tree.node("/c")).isNull();
    assertThat(f.tree.containerCandidates()).isEmpty();
    assertThat(errOf(f.prep.prepareDeleteContainer("/c", ++f.zxid, f.now))).isEqualTo(Code.NONODE.value);
    f.create(Fixture.session(5), "/eph", "", 1);
    assertThat(errOf(f.prep.prepareDeleteContainer("/eph", ++f.zxid, f.now))).isEqualTo(Code.BADVERSION.value);
  }

  @Test
  void createSessionIsANoOpOnTheTree() {
    Prepared p = f.prep.prepareCreateSession(42, 30000, ++f.zxid, f.now);
    assertThat(p.header().type()).isEqualTo(OpCode.CREATE_SESSION);
    assertThat(p.txn()).isEqualTo(new Txn.CreateSession(30000));
    int before = f.tree.nodeCount();
    assertThat(f.apply(p).err()).isEqualTo(Code.OK);
    assertThat(f.tree.nodeCount()).isEqualTo(before);
    assertThat(f.tree.lastProcessedZxid()).isEqualTo(p.header().zxid());
  }
}
