package io.drover.coord.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.atomic.AtomicValue;
import org.apache.curator.framework.recipes.atomic.DistributedAtomicLong;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.retry.RetryNTimes;
import org.apache.zookeeper.AsyncCallback;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leader failover, catching up after a restart (DIFF and SNAP), and a minority that stops serving. */
class EnsembleFailoverTest {
  @TempDir Path tmp;

  private static byte[] bytes(String s) { return s.getBytes(StandardCharsets.UTF_8); }

  private static CuratorFramework curator(String connectString) throws InterruptedException {
    CuratorFramework c = CuratorFrameworkFactory.builder().connectString(connectString).sessionTimeoutMs(8_000)
        .connectionTimeoutMs(5_000).retryPolicy(new ExponentialBackoffRetry(50, 10, 500)).build();
    c.start();
    assertThat(c.blockUntilConnected(20, TimeUnit.SECONDS)).isTrue();
    return c;
  }

  @Test
  void curatorRecipesKeepWorkingWhileTheLeaderIsReplaced() throws Exception {
    try (TestEnsemble ensemble = TestEnsemble.start(tmp, 3, 0)) {
      long oldLeader = ensemble.awaitServing();
      List<CuratorFramework> clients = new ArrayList<>();
      List<LeaderLatch> latches = new ArrayList<>();
      try {
        for (int i = 0; i < 2; i++) {
          CuratorFramework c = curator(ensemble.connectString());
          clients.add(c);
          LeaderLatch latch = new LeaderLatch(c, "/latch", "c" + i);
          latch.start();
          latches.add(latch);
        }
        CuratorFramework c = clients.get(0);
        Awaitility.await().atMost(Duration.ofSeconds(10))
            .until(() -> latches.stream().filter(LeaderLatch::hasLeadership).count() == 1);
        DistributedAtomicLong counter = new DistributedAtomicLong(c, "/counter", new RetryNTimes(50, 50));
        long acknowledged = 0;
        for (int i = 0; i < 10; i++) if (counter.increment().succeeded()) acknowledged++;
        InterProcessMutex mutex = new InterProcessMutex(c, "/mutex");
        assertThat(mutex.acquire(5, TimeUnit.SECONDS)).isTrue();
        mutex.release();

        ensemble.stop(oldLeader);
        long newLeader = ensemble.awaitServing();
        assertThat(newLeader).isNotEqualTo(oldLeader);

        for (int i = 0; i < 10; i++) {
          AtomicValue<Long> v = counter.increment();
          if (v.succeeded()) acknowledged++;
        }
        assertThat(counter.get().postValue()).isEqualTo(acknowledged).isGreaterThanOrEqualTo(10);
        InterProcessMutex other = new InterProcessMutex(clients.get(1), "/mutex");
        assertThat(other.acquire(10, TimeUnit.SECONDS)).isTrue();
        other.release();
        Awaitility.await().atMost(Duration.ofSeconds(20))
            .until(() -> latches.stream().filter(LeaderLatch::hasLeadership).count() == 1);

        ensemble.start(oldLeader); // rejoins as a follower and catches up
        ensemble.awaitServing();
        assertThat(ensemble.mode(oldLeader)).isEqualTo("follower");
        try (ZooKeeper zk = ensemble.client(oldLeader)) {
          zk.sync("/counter");
          Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> zk.exists("/mutex", false) != null);
          assertThat(zk.getChildren("/latch", false)).hasSize(2);
        }
      } finally {
        for (LeaderLatch l : latches) l.close();
        for (CuratorFramework c : clients) c.close();
      }
    }
  }

  @Test
  void restartedFollowersCatchUpByDiffAndBySnap() throws Exception {
    try (TestEnsemble ensemble = TestEnsemble.start(tmp, 3, 0)) {
      long leader = ensemble.awaitServing();
      long follower = ensemble.aFollower(leader);
      try (ZooKeeper zk = ensemble.client(leader)) {
        zk.create("/base", bytes("b"), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        ensemble.stop(follower);
        for (int i = 0; i < 20; i++) {
          zk.create("/base/diff-" + i, bytes("d" + i), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        }
        ensemble.start(follower);
        ensemble.awaitServing();
        assertChildren(ensemble, follower, 20);

        ensemble.stop(follower);
        // More than the 500 txns a DIFF may carry: the follower gets a snapshot.
        createMany(zk, "/base/snap-", 700);
        ensemble.start(follower);
        ensemble.awaitServing();
        assertChildren(ensemble, follower, 720);
      }
      // Every server agrees on the whole tree once restarted again from its own disk.
      ensemble.stop(follower);
      ensemble.start(follower);
      ensemble.awaitServing();
      assertChildren(ensemble, follower, 720);
    }
  }

  private static void createMany(ZooKeeper zk, String prefix, int n) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(n);
    AtomicLong failed = new AtomicLong();
    AsyncCallback.StringCallback cb = (rc, path, ctx, name) -> {
      if (rc != 0) failed.incrementAndGet();
      done.countDown();
    };
    for (int i = 0; i < n; i++) {
      zk.create(prefix + i, bytes("s"), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, cb, null);
    }
    assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(failed.get()).isZero();
  }

  private static void assertChildren(TestEnsemble ensemble, long id, int expected) throws Exception {
    try (ZooKeeper zk = ensemble.client(id)) {
      zk.sync("/base");
      Awaitility.await("children at " + id).atMost(Duration.ofSeconds(10))
          .until(() -> zk.getChildren("/base", false).size() == expected);
    }
  }

  @Test
  void anIsolatedLeadersUncommittedWriteIsTruncatedWhenItRejoins() throws Exception {
    try (TestEnsemble ensemble = TestEnsemble.start(tmp, 3, 0)) {
      long oldLeader = ensemble.awaitServing();
      List<Long> others = ensemble.ids().stream().filter(id -> id != oldLeader).toList();
      AtomicLong uncommittedRc = new AtomicLong(Long.MIN_VALUE);
      try (ZooKeeper zk = ensemble.client(oldLeader)) {
        zk.create("/committed", bytes("c"), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        ensemble.isolate(oldLeader);
        // Logged by the old leader only: no follower ever sees the proposal, so it never commits.
        zk.create("/uncommitted", bytes("u"), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT,
            (rc, path, ctx, name) -> uncommittedRc.set(rc), null);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ensemble.mode(oldLeader) == null);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> uncommittedRc.get() != Long.MIN_VALUE);
        assertThat(uncommittedRc.get()).isEqualTo(KeeperException.Code.CONNECTIONLOSS.intValue());
      }
      Awaitility.await("a new leader among the others").atMost(Duration.ofSeconds(20)).until(() -> {
        List<String> modes = new ArrayList<>();
        for (long id : others) modes.add(ensemble.mode(id));
        return modes.contains("leader") && modes.contains("follower");
      });
      long newLeader = others.stream().filter(id -> {
        try {
          return "leader".equals(ensemble.mode(id));
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }).findFirst().orElseThrow();
      try (ZooKeeper zk = ensemble.client(newLeader)) {
        zk.create("/after", bytes("a"), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      }
      ensemble.heal(oldLeader);
      assertThat(ensemble.awaitServing()).isEqualTo(newLeader);
      for (long id : ensemble.ids()) {
        try (ZooKeeper zk = ensemble.client(id)) {
          zk.sync("/");
          Awaitility.await("/after at " + id).atMost(Duration.ofSeconds(5)).until(() -> zk.exists("/after", false) != null);
          assertThat(zk.exists("/committed", false)).as("committed at %d", id).isNotNull();
          assertThat(zk.exists("/uncommitted", false)).as("uncommitted at %d", id).isNull();
        }
      }
    }
  }

  @Test
  void theWholeEnsembleRestartsFromItsSnapshotsAndLogs() throws Exception {
    // snapCount 20: every server snapshots in the background several times while the writes go on.
    try (TestEnsemble ensemble = TestEnsemble.start(tmp, 3, 0, b -> b.snapCount(20))) {
      long leader = ensemble.awaitServing();
      try (ZooKeeper zk = ensemble.client(leader)) {
        zk.create("/base", bytes("b"), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        createMany(zk, "/base/n-", 150);
      }
      for (long id : ensemble.ids()) ensemble.stop(id);
      for (long id : ensemble.ids()) ensemble.start(id);
      ensemble.awaitServing();
      for (long id : ensemble.ids()) assertChildren(ensemble, id, 150);
    }
  }

  @Test
  void writesBeyondTheOutstandingProposalLimitWaitInOrder() throws Exception {
    try (TestEnsemble ensemble = TestEnsemble.start(tmp, 3, 0)) {
      long leader = ensemble.awaitServing();
      long follower = ensemble.aFollower(leader);
      // Restart the leader with room for 2 proposals only; its replacement (or itself) then leads with that limit.
      for (long id : ensemble.ids()) ensemble.stop(id);
      ensemble.maxOutstandingProposals = 2;
      for (long id : ensemble.ids()) ensemble.start(id);
      leader = ensemble.awaitServing();
      follower = ensemble.aFollower(leader);
      try (ZooKeeper atLeader = ensemble.client(leader); ZooKeeper atFollower = ensemble.client(follower)) {
        atLeader.create("/q", bytes("q"), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        List<String> fromLeader = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> fromFollower = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(400);
        for (int i = 0; i < 200; i++) {
          atLeader.create("/q/l-", bytes("" + i), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL,
              (rc, path, ctx, name) -> { if (rc == 0) fromLeader.add(name); done.countDown(); }, null);
          atFollower.create("/q/f-", bytes("" + i), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL,
              (rc, path, ctx, name) -> { if (rc == 0) fromFollower.add(name); done.countDown(); }, null);
        }
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(fromLeader).hasSize(200).isSorted();
        assertThat(fromFollower).hasSize(200).isSorted();
        assertThat(atFollower.getChildren("/q", false)).hasSize(400);
      }
    }
  }

  @Test
  void inReadOnlyModeACutOffServerServesReadsUntilTheQuorumIsBack() throws Exception {
    try (TestEnsemble ensemble = TestEnsemble.start(tmp, 3, 0)) {
      long leader = ensemble.awaitServing();
      long survivor = ensemble.aFollower(leader);
      ensemble.stop(survivor);
      ensemble.readOnlyMode = true;
      ensemble.start(survivor);
      ensemble.awaitServing();
      try (ZooKeeper zk = ensemble.client(leader)) {
        zk.create("/ro", bytes("r"), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      }
      List<Long> others = ensemble.ids().stream().filter(id -> id != survivor).toList();
      for (long id : others) ensemble.stop(id);
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "read-only".equals(ensemble.mode(survivor)));
      assertThat(FourLetter.ask(ensemble.clientPort(survivor), "isro")).isEqualTo("ro");
      assertThat(FourLetter.ask(ensemble.clientPort(survivor), "srvr")).contains("Mode: read-only");

      try (ZooKeeper zk = new ZooKeeper(ensemble.connectString(survivor), 4_000, e -> { }, true)) {
        Awaitility.await().atMost(Duration.ofSeconds(20))
            .until(() -> zk.getState() == ZooKeeper.States.CONNECTEDREADONLY);
        assertThat(zk.getData("/ro", false, null)).isEqualTo(bytes("r"));
        assertThatThrownBy(() -> zk.sync("/ro")).isInstanceOf(KeeperException.NotReadOnlyException.class);
        assertThatThrownBy(() -> zk.create("/no", bytes("n"), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT))
            .isInstanceOf(KeeperException.NotReadOnlyException.class);
        // A client that does not allow read-only servers is refused.
        try (RawClient raw = new RawClient(ensemble.clientPort(survivor))) {
          raw.sendFrame(io.drover.coord.wire.ConnectCodec.encodeRequest(
              new io.drover.coord.wire.ConnectRequest(0, 0, 5_000, 0, new byte[16], false, true)));
          assertThat(raw.closedByServer()).isTrue();
        }

        ensemble.start(others.get(0));
        ensemble.awaitServing();
        // The client finds the read-write server again (it probes with isro) and gets a global session.
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> zk.getState() == ZooKeeper.States.CONNECTED);
        Awaitility.await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
            .until(() -> zk.create("/rw-again", bytes("w"), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT) != null);
      }
    }
  }

  @Test
  void aMinorityStopsServingAndServesAgainWhenTheQuorumIsBack() throws Exception {
    try (TestEnsemble ensemble = TestEnsemble.start(tmp, 3, 0)) {
      long leader = ensemble.awaitServing();
      long survivor = ensemble.aFollower(leader);
      try (ZooKeeper zk = ensemble.client(survivor)) {
        zk.create("/before", bytes("b"), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      }
      List<Long> others = ensemble.ids().stream().filter(id -> id != survivor).toList();
      for (long id : others) ensemble.stop(id);
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ensemble.mode(survivor) == null);
      assertThat(FourLetter.ask(ensemble.clientPort(survivor), "srvr"))
          .isEqualTo(FourLetterWords.NOT_SERVING);
      assertThat(FourLetter.ask(ensemble.clientPort(survivor), "ruok")).isEqualTo("imok");
      try (RawClient raw = new RawClient(ensemble.clientPort(survivor))) {
        raw.sendFrame(io.drover.coord.wire.ConnectCodec.encodeRequest(
            new io.drover.coord.wire.ConnectRequest(0, 0, 5_000, 0, new byte[16], false, true)));
        assertThat(raw.closedByServer()).as("a client is refused").isTrue();
      }

      ensemble.start(others.get(0));
      ensemble.awaitServing();
      try (ZooKeeper zk = ensemble.client(survivor)) {
        assertThat(zk.getData("/before", false, null)).isEqualTo(bytes("b"));
        zk.create("/after", bytes("a"), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      } catch (KeeperException e) {
        throw new AssertionError("the restored quorum must serve writes", e);
      }
    }
  }
}
