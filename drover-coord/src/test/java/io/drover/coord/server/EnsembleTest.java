package io.drover.coord.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 3-voter + 1-observer ensemble served to the real ZooKeeper client (each server in-process, real sockets). */
class EnsembleTest {
  @TempDir static Path tmp;
  static TestEnsemble ensemble;
  static long leader;

  @BeforeAll static void start() throws Exception {
    ensemble = TestEnsemble.start(tmp, 3, 1);
    leader = ensemble.awaitServing();
  }

  @AfterAll static void stop() throws Exception { ensemble.close(); }

  private static byte[] bytes(String s) { return s.getBytes(StandardCharsets.UTF_8); }

  @Test
  void writesThroughAFollowerAreReadAtEveryServer() throws Exception {
    long follower = ensemble.aFollower(leader);
    try (ZooKeeper zk = ensemble.client(follower)) {
      zk.create("/via-follower", bytes("hello"), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      zk.setData("/via-follower", bytes("hello again"), 0);
      assertThat(zk.getData("/via-follower", false, null)).isEqualTo(bytes("hello again"));
    }
    for (long id : ensemble.ids()) {
      try (ZooKeeper zk = ensemble.client(id)) {
        zk.sync("/via-follower");
        Awaitility.await().atMost(Duration.ofSeconds(5))
            .until(() -> zk.exists("/via-follower", false) != null);
        assertThat(zk.getData("/via-follower", false, null)).as("read at server %d", id).isEqualTo(bytes("hello again"));
      }
    }
  }

  @Test
  void writesThroughTheObserverCommitAndItReadsThem() throws Exception {
    long observer = 4;
    assertThat(ensemble.mode(observer)).isEqualTo("observer");
    try (ZooKeeper zk = ensemble.client(observer)) {
      String path = zk.create("/via-observer-", bytes("o"), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL);
      assertThat(zk.getData(path, false, null)).isEqualTo(bytes("o"));
      try (ZooKeeper atLeader = ensemble.client(leader)) {
        assertThat(atLeader.exists(path, false)).isNotNull();
      }
    }
  }

  @Test
  void fourLetterWordsReportTheModesAndZabFigures() throws Exception {
    long leaders = 0;
    long followers = 0;
    for (long id : ensemble.ids()) {
      String srvr = FourLetter.ask(ensemble.clientPort(id), "srvr");
      if (srvr.contains("Mode: leader")) leaders++;
      if (srvr.contains("Mode: follower")) followers++;
      if (id == 4) assertThat(srvr).contains("Mode: observer");
      assertThat(FourLetter.ask(ensemble.clientPort(id), "isro")).isEqualTo("rw");
    }
    assertThat(leaders).isEqualTo(1);
    assertThat(followers).isEqualTo(2);
    String mntr = FourLetter.ask(ensemble.clientPort(leader), "mntr");
    assertThat(mntr).contains("zk_server_state\tleader", "zk_peer_state\tleading - broadcast", "zk_learners\t3",
        "zk_synced_followers\t2", "zk_synced_observers\t1", "zk_pending_proposals\t");
    assertThat(FourLetter.ask(ensemble.clientPort(4), "mntr")).contains("zk_server_state\tobserver",
        "zk_peer_state\tobserving - broadcast");
  }

  @Test
  void aSessionSurvivesMovingToAnotherServer() throws Exception {
    long follower = ensemble.aFollower(leader);
    long other = ensemble.ids().stream().filter(id -> id != follower).findFirst().orElseThrow();
    ZooKeeper first = ensemble.client(follower);
    first.create("/moving", bytes("e"), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
    long sessionId = first.getSessionId();
    byte[] password = first.getSessionPasswd();
    try (ZooKeeper moved = new ZooKeeper(ensemble.connectString(other), 10_000, e -> { }, sessionId, password)) {
      Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> moved.getState() == ZooKeeper.States.CONNECTED);
      assertThat(moved.getSessionId()).isEqualTo(sessionId);
      assertThat(moved.exists("/moving", false).getEphemeralOwner()).isEqualTo(sessionId);
      moved.setData("/moving", bytes("still mine"), -1);
      first.close(); // closes the shared session
    }
    try (ZooKeeper zk = ensemble.client(leader)) {
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> zk.exists("/moving", false) == null);
    }
  }

  @Test
  void aSessionOnAFollowerOutlivesItsTimeoutWhileItsClientPings() throws Exception {
    long follower = ensemble.aFollower(leader);
    // 600 ms: the follower reports the client's pings to the leader, the only server that expires sessions.
    try (ZooKeeper zk = CoordTestServer.connect(ensemble.connectString(follower), 600, null);
         ZooKeeper atLeader = ensemble.client(leader)) {
      zk.create("/kept-alive", bytes("k"), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
      Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
          .until(() -> atLeader.exists("/kept-alive", false) != null && zk.getState() == ZooKeeper.States.CONNECTED);
    }
  }

  @Test
  void anEphemeralDisappearsEverywhereWhenItsSessionExpires() throws Exception {
    long follower = ensemble.aFollower(leader);
    try (RawClient raw = new RawClient(ensemble.clientPort(follower))) {
      var resp = raw.connect(0, new byte[16], 1_000, 0);
      assertThat(resp.sessionId()).isNotZero();
      try (ZooKeeper zk = new ZooKeeper(ensemble.connectString(follower), 10_000, e -> { }, resp.sessionId(),
          resp.passwd())) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> zk.getState() == ZooKeeper.States.CONNECTED);
        zk.create("/expiring", bytes("x"), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
        // Only the raw client's socket stays; closing this client drops its pings without closing the session.
        zk.getTestable().injectSessionExpiration();
      }
    }
    for (long id : ensemble.ids()) {
      try (ZooKeeper zk = ensemble.client(id)) {
        Awaitility.await("expired at " + id).atMost(Duration.ofSeconds(15))
            .until(() -> zk.exists("/expiring", false) == null);
      }
    }
  }
}
