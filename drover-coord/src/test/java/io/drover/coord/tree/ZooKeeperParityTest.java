package io.drover.coord.tree;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.coord.wire.Acl;
import io.drover.coord.wire.Code;
import io.drover.coord.wire.JuteInput;
import io.drover.coord.wire.JuteOutput;
import io.drover.coord.wire.OpCode;
import io.drover.coord.wire.Request;
import io.drover.coord.wire.Stat;
import io.drover.coord.wire.Txn;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.jute.BinaryOutputArchive;
import org.apache.jute.Record;
import org.apache.zookeeper.data.ACL;
import org.junit.jupiter.api.Test;

/**
 * Drives random writes through Prep, applies the txns to our tree and to Apache ZooKeeper's own DataTree,
 * and compares every node's Stat, data and children; then checks snapshots and fuzzy replay.
 */
class ZooKeeperParityTest {
  private static final String[] PATHS = {"/a", "/a/b", "/a/b/c", "/a/s-", "/c", "/c/x", "/t", "/t/y", "/e", "/zookeeper/z"};

  private static Request randomWrite(Random rnd, int[] opOut) {
    String path = PATHS[rnd.nextInt(PATHS.length)];
    int kind = rnd.nextInt(10);
    byte[] data = rnd.nextBoolean() ? null : new byte[rnd.nextInt(5)];
    switch (kind) {
      case 0, 1, 2 -> {
        int flags = path.startsWith("/c") && rnd.nextBoolean() ? 4 : rnd.nextInt(4);
        opOut[0] = flags == 4 ? OpCode.CREATE_CONTAINER : (rnd.nextBoolean() ? OpCode.CREATE : OpCode.CREATE2);
        return new Request.Create(path, data, Acl.OPEN_ACL_UNSAFE, flags);
      }
      case 3 -> {
        opOut[0] = OpCode.CREATE_TTL;
        return new Request.CreateTtl(path, data, Acl.OPEN_ACL_UNSAFE, 5 + rnd.nextInt(2), 1 + rnd.nextInt(1000));
      }
      case 4, 5 -> {
        opOut[0] = OpCode.DELETE;
        return new Request.Delete(path, rnd.nextInt(3) - 1);
      }
      case 6, 7 -> {
        opOut[0] = OpCode.SET_DATA;
        return new Request.SetData(path, data, rnd.nextInt(3) - 1);
      }
      case 8 -> {
        opOut[0] = OpCode.SET_ACL;
        return new Request.SetAcl(path, rnd.nextBoolean() ? Acl.OPEN_ACL_UNSAFE : Acl.READ_ACL_UNSAFE, rnd.nextInt(2) - 1);
      }
      default -> {
        List<Request.Op> ops = new ArrayList<>();
        int n = 1 + rnd.nextInt(3);
        int[] sub = new int[1];
        while (ops.size() < n) {
          Request r = randomWrite(rnd, sub);
          if (sub[0] == OpCode.MULTI || sub[0] == OpCode.SET_ACL) continue;
          ops.add(new Request.Op(sub[0], r));
        }
        opOut[0] = OpCode.MULTI;
        return new Request.Multi(ops);
      }
    }
  }

  private static Fixture run(long seed, int count) {
    Fixture f = new Fixture();
    Random rnd = new Random(seed);
    int[] op = new int[1];
    long[] sessions = {1, 2, 3};
    long nextSession = 4;
    for (int i = 0; i < count; i++) {
      if (rnd.nextInt(15) == 0) {
        int which = rnd.nextInt(3);
        // Apply everything prepared so far first: txns must be applied in zxid order.
        for (Prepared q : f.log) if (q.header().zxid() > f.tree.lastProcessedZxid()) f.apply(q);
        f.closeSession(sessions[which]);
        sessions[which] = nextSession++; // a closed session id never comes back
        continue;
      }
      Request r = randomWrite(rnd, op);
      Prepared p = f.prepare(Fixture.session(sessions[rnd.nextInt(3)]), op[0], r);
      // Keep a few writes outstanding at times, to exercise outstanding changes.
      if (rnd.nextInt(4) != 0) {
        for (Prepared q : f.log) {
          if (q.header().zxid() > f.tree.lastProcessedZxid()) f.apply(q);
        }
      }
      assertThat(p).isNotNull();
    }
    for (Prepared q : f.log) if (q.header().zxid() > f.tree.lastProcessedZxid()) f.apply(q);
    return f;
  }

  /** ZooKeeper's DataTree needs metrics-core, a provided dependency of zookeeper 3.9; skip without it. */
  private static boolean zooKeeperDataTreeLoads() {
    try {
      Class.forName("com.codahale.metrics.Reservoir");
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  @Test
  void statsMatchApacheZooKeepersDataTree() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(zooKeeperDataTreeLoads(), "io.dropwizard.metrics:metrics-core not on the test classpath");
    System.setProperty("zookeeper.extendedTypesEnabled", "true");
    try {
      for (long seed = 1; seed <= 30; seed++) {
        Fixture f = run(seed, 300);
        org.apache.zookeeper.server.DataTree zk = new org.apache.zookeeper.server.DataTree();
        for (Prepared p : f.log) {
          org.apache.zookeeper.server.DataTree.ProcessTxnResult r = zk.processTxn(zkHeader(p), zkTxn(p.txn()));
          assertThat(r).isNotNull();
        }
        assertSame(f.tree, zk, "seed " + seed);
      }
    } finally {
      System.clearProperty("zookeeper.extendedTypesEnabled");
    }
  }

  private static void assertSame(DataTree ours, org.apache.zookeeper.server.DataTree zk, String what) throws Exception {
    assertThat(ours.nodeCount()).as(what).isEqualTo(zk.getNodeCount());
    assertThat(ours.approximateDataSize()).as(what).isEqualTo(zk.cachedApproximateDataSize());
    assertThat(ours.ephemeralCount()).as(what).isEqualTo(zk.getEphemeralsCount());
    for (String path : ours.nodes.keySet()) {
      org.apache.zookeeper.data.Stat zs = zk.statNode(path, null);
      Stat s = ours.node(path).stat();
      assertThat(s).as(what + " " + path).isEqualTo(new Stat(zs.getCzxid(), zs.getMzxid(), zs.getCtime(), zs.getMtime(),
          zs.getVersion(), zs.getCversion(), zs.getAversion(), zs.getEphemeralOwner(), zs.getDataLength(), zs.getNumChildren(),
          zs.getPzxid()));
      assertThat(ours.node(path).children()).as(what + " " + path)
          .containsExactlyInAnyOrderElementsOf(zk.getChildren(path, null, null));
      assertThat(ours.node(path).acl().size()).isEqualTo(zk.getACL(path, null).size());
    }
  }

  @Test
  void snapshotRoundTripAndFuzzyReplayConverge() {
    for (long seed = 1; seed <= 20; seed++) {
      Fixture f = run(seed, 200);
      JuteOutput out = new JuteOutput();
      f.tree.serialize(out);
      DataTree copy = DataTree.deserialize(new JuteInput(out.toByteArray()));
      assertTreesEqual(copy, f.tree, "round trip " + seed);
      assertThat(copy.approximateDataSize()).isEqualTo(f.tree.approximateDataSize());
      assertThat(copy.ephemeralCount()).isEqualTo(f.tree.ephemeralCount());

      // Fuzzy: a snapshot taken after txn k, restored, then replayed from an earlier txn j.
      List<Prepared> log = f.log;
      int k = log.size() / 2;
      int j = k - 40;
      DataTree atK = new DataTree();
      for (int i = 0; i < k; i++) atK.apply(log.get(i).header(), log.get(i).txn());
      JuteOutput snap = new JuteOutput();
      atK.serialize(snap);
      DataTree restored = DataTree.deserialize(new JuteInput(snap.toByteArray()));
      restored.setLastProcessedZxid(log.get(j).header().zxid());
      for (int i = j; i < log.size(); i++) restored.apply(log.get(i).header(), log.get(i).txn());
      assertTreesEqual(restored, f.tree, "replay " + seed);
      assertThat(restored.lastProcessedZxid()).isEqualTo(f.tree.lastProcessedZxid());
      assertThat(restored.sessionsWithEphemerals()).isEqualTo(f.tree.sessionsWithEphemerals());
    }
  }

  @Test
  void replayingTheSameTxnsTwiceIsHarmless() {
    Fixture f = new Fixture();
    f.create("/r", "1");
    f.create(Fixture.session(3), "/r/e", "", 1);
    f.setData("/r", "2", -1);
    f.delete("/r/e", -1);
    f.create("/r/n", "");
    DataTree twice = new DataTree();
    for (int round = 0; round < 2; round++) {
      for (Prepared p : f.log) twice.apply(p.header(), p.txn());
    }
    assertTreesEqual(twice, f.tree, "twice");
    // A replayed create of an existing node reports NODEEXISTS; a replayed delete NONODE.
    assertThat(twice.apply(f.log.get(0).header(), f.log.get(0).txn()).err()).isEqualTo(Code.NODEEXISTS);
    assertThat(twice.apply(f.log.get(3).header(), f.log.get(3).txn()).err()).isEqualTo(Code.NONODE);
  }

  @Test
  void containerAndTtlCandidates() {
    Fixture f = new Fixture();
    f.write(Fixture.S1, OpCode.CREATE_CONTAINER, new Request.Create("/box", null, Acl.OPEN_ACL_UNSAFE, 4));
    assertThat(f.tree.containerCandidates()).isEmpty(); // never had children
    f.create("/box/k", "");
    assertThat(f.tree.containerCandidates()).isEmpty();
    f.delete("/box/k", -1);
    assertThat(f.tree.containerCandidates()).containsExactly("/box");
    f.write(Fixture.S1, OpCode.CREATE_TTL, new Request.CreateTtl("/ttl", null, Acl.OPEN_ACL_UNSAFE, 5, 1000));
    long mtime = f.tree.node("/ttl").stat().mtime();
    assertThat(f.tree.expiredTtls(mtime + 1000)).isEmpty();
    assertThat(f.tree.expiredTtls(mtime + 1001)).containsExactly("/ttl");
    f.create("/ttl/k", "");
    assertThat(f.tree.expiredTtls(mtime + 5000)).isEmpty();
    // Snapshots keep the container and TTL indexes.
    f.delete("/ttl/k", -1);
    JuteOutput out = new JuteOutput();
    f.tree.serialize(out);
    DataTree copy = DataTree.deserialize(new JuteInput(out.toByteArray()));
    assertThat(copy.containerCandidates()).containsExactly("/box");
    assertThat(copy.expiredTtls(f.now + 100_000)).containsExactly("/ttl");
  }

  @Test
  void freshTreeMatchesZooKeeper() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(zooKeeperDataTreeLoads(), "io.dropwizard.metrics:metrics-core not on the test classpath");
    DataTree t = new DataTree();
    org.apache.zookeeper.server.DataTree zk = new org.apache.zookeeper.server.DataTree();
    assertSame(t, zk, "fresh");
    assertThat(t.node("/zookeeper/config").acl()).isEqualTo(Acl.READ_ACL_UNSAFE);
  }

  static void assertTreesEqual(DataTree a, DataTree b, String what) {
    assertThat(new java.util.TreeSet<>(a.nodes.keySet())).as(what).containsExactlyElementsOf(new java.util.TreeSet<>(b.nodes.keySet()));
    for (String path : a.nodes.keySet()) {
      DataNode x = a.node(path);
      DataNode y = b.node(path);
      assertThat(x.stat()).as(what + " " + path).isEqualTo(y.stat());
      assertThat(x.data()).as(what + " " + path).isEqualTo(y.data());
      assertThat(x.acl()).as(what + " " + path).isEqualTo(y.acl());
      assertThat(x.children()).as(what + " " + path).isEqualTo(y.children());
    }
    for (long s : b.sessionsWithEphemerals()) assertThat(a.ephemerals(s)).isEqualTo(b.ephemerals(s));
  }

  // ---------------------------------------------------------------- conversion to ZooKeeper's records

  static org.apache.zookeeper.txn.TxnHeader zkHeader(Prepared p) {
    var h = p.header();
    return new org.apache.zookeeper.txn.TxnHeader(h.clientId(), h.cxid(), h.zxid(), h.time(), h.type());
  }

  static List<ACL> zkAcl(List<Acl> acl) {
    List<ACL> out = new ArrayList<>();
    for (Acl a : acl) out.add(new ACL(a.perms(), new org.apache.zookeeper.data.Id(a.id().scheme(), a.id().id())));
    return out;
  }

  static Record zkTxn(Txn t) throws IOException {
    return switch (t) {
      case Txn.Create c -> new org.apache.zookeeper.txn.CreateTxn(c.path(), c.data(), zkAcl(c.acl()), c.ephemeral(), c.parentCVersion());
      case Txn.CreateContainer c -> new org.apache.zookeeper.txn.CreateContainerTxn(c.path(), c.data(), zkAcl(c.acl()), c.parentCVersion());
      case Txn.CreateTtl c -> new org.apache.zookeeper.txn.CreateTTLTxn(c.path(), c.data(), zkAcl(c.acl()), c.parentCVersion(), c.ttl());
      case Txn.Delete d -> new org.apache.zookeeper.txn.DeleteTxn(d.path());
      case Txn.SetData s -> new org.apache.zookeeper.txn.SetDataTxn(s.path(), s.data(), s.version());
      case Txn.SetAcl s -> new org.apache.zookeeper.txn.SetACLTxn(s.path(), zkAcl(s.acl()), s.version());
      case Txn.CheckVersion c -> new org.apache.zookeeper.txn.CheckVersionTxn(c.path(), c.version());
      case Txn.Error e -> new org.apache.zookeeper.txn.ErrorTxn(e.err());
      case Txn.CreateSession s -> new org.apache.zookeeper.txn.CreateSessionTxn(s.timeOut());
      case Txn.CloseSession s -> new org.apache.zookeeper.txn.CloseSessionTxn(s.paths2Delete());
      case Txn.Multi m -> {
        List<org.apache.zookeeper.txn.Txn> subs = new ArrayList<>();
        for (Txn sub : m.txns()) {
          ByteArrayOutputStream baos = new ByteArrayOutputStream();
          zkTxn(sub).serialize(BinaryOutputArchive.getArchive(baos), "txn");
          subs.add(new org.apache.zookeeper.txn.Txn(sub.type(), baos.toByteArray()));
        }
        yield new org.apache.zookeeper.txn.MultiTxn(subs);
      }
    };
  }
}
