package io.drover.master.ha;

import io.drover.master.Closeables;
import io.drover.master.TestServers;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.master.api.v1.MasterInfo;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Election and detection against a real coord and a real Apache ZooKeeper: same tests, both servers. */
class MasterElectionTest {
  private static final String PATH = "/drover/mesos";
  private static final Duration SESSION = Duration.ofMillis(2000);
  private static final Duration WAIT = Duration.ofSeconds(20);
  /** Covers the window in which ZooKeeper has told the next candidate but not yet the killed leader. */
  private static final Duration TAKEOVER_DELAY = Duration.ofMillis(500);

  @TempDir Path dir;
  private final Closeables closeables = new Closeables();
  private TestServers.Running server;

  @AfterEach void cleanUp() throws Exception { closeables.close(); }

  private <T extends AutoCloseable> T track(T c) { return closeables.track(c); }

  private void startServer(TestServers kind) throws Exception {
    server = track(kind.start(dir));
  }

  private CuratorFramework client() throws InterruptedException {
    CuratorFramework c = ZkClients.newClient(ZkUrl.parse("zk://" + server.connectString() + PATH), SESSION);
    track(c);
    c.start();
    assertThat(c.blockUntilConnected(10, SECONDS)).isTrue();
    return c;
  }

  private static MasterInfo info(int i) throws Exception {
    return MasterInfos.of("master-" + i, (Inet4Address) InetAddress.getByName("127.0.0.1"), 5050 + i, "m" + i, "1.11.0");
  }

  private MasterContender contender(CuratorFramework client, int i) throws Exception {
    return track(new MasterContender(client, PATH, info(i)));
  }

  private MasterDetector detector() throws InterruptedException {
    MasterDetector d = track(new MasterDetector(client(), PATH));
    d.start();
    return d;
  }

  private static Optional<String> leaderName(MasterDetector d) {
    return d.leader().map(MasterDetector.Leader::nodeName);
  }

  /** Ends {@code client}'s session from outside: a second connection attaches to it and closes it. */
  private void expireSession(CuratorFramework client) throws Exception {
    ZooKeeper zk = client.getZookeeperClient().getZooKeeper();
    CountDownLatch connected = new CountDownLatch(1);
    ZooKeeper twin = new ZooKeeper(server.connectString(), (int) SESSION.toMillis(), e -> {
      if (e.getState() == Watcher.Event.KeeperState.SyncConnected) connected.countDown();
    }, zk.getSessionId(), zk.getSessionPasswd());
    try {
      assertThat(connected.await(10, SECONDS)).isTrue();
      assertThat(twin.getSessionId()).isEqualTo(zk.getSessionId());
    } finally {
      twin.close();
    }
  }

  @ParameterizedTest @EnumSource(TestServers.class)
  void threeContendersElectExactlyTheLowestAndDetectorsSeeItsMasterInfo(TestServers kind) throws Exception {
    startServer(kind);
    List<MasterContender> contenders = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      MasterContender c = contender(client(), i);
      contenders.add(c);
      names.add(c.contend());
    }
    assertThat(names).containsExactly("json.info_0000000000", "json.info_0000000001", "json.info_0000000002");

    assertThat(contenders.get(0).awaitLeadership(WAIT)).isTrue();
    await().during(Duration.ofMillis(500)).atMost(WAIT).untilAsserted(() -> {
      assertThat(contenders.get(0).isLeader()).isTrue();
      assertThat(contenders.get(1).isLeader()).isFalse();
      assertThat(contenders.get(2).isLeader()).isFalse();
    });

    MasterDetector detector = detector(); // its own session
    await().atMost(WAIT).until(() -> detector.leader().isPresent());
    MasterDetector.Leader leader = detector.leader().orElseThrow();
    assertThat(leader.nodeName()).isEqualTo("json.info_0000000000");
    assertThat(leader.sequence()).isZero();
    assertThat(leader.info()).isEqualTo(info(0));

    // The znode holds exactly what a Mesos master writes, and is ephemeral.
    CuratorFramework reader = client();
    byte[] raw = reader.getData().forPath(PATH + "/json.info_0000000000");
    assertThat(new String(raw, StandardCharsets.UTF_8)).isEqualTo(
        "{\"address\":{\"hostname\":\"m0\",\"ip\":\"127.0.0.1\",\"port\":5050},\"hostname\":\"m0\",\"id\":\"master-0\","
            + "\"ip\":16777343,\"pid\":\"master@127.0.0.1:5050\",\"port\":5050,\"version\":\"1.11.0\"}");
    assertThat(reader.checkExists().forPath(PATH + "/json.info_0000000000").getEphemeralOwner()).isNotZero();
    assertThat(reader.checkExists().forPath(PATH).getEphemeralOwner()).isZero(); // parents are persistent
  }

  @ParameterizedTest @EnumSource(TestServers.class)
  void whenTheLeaderGoesTheNextLowestLeadsAndDetectorsFollow(TestServers kind) throws Exception {
    startServer(kind);
    List<CuratorFramework> clients = new ArrayList<>();
    List<MasterContender> contenders = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      clients.add(client());
      contenders.add(contender(clients.get(i), i));
      contenders.get(i).contend();
    }
    MasterDetector d1 = detector();
    MasterDetector d2 = detector();
    List<Optional<MasterDetector.Leader>> seen = new CopyOnWriteArrayList<>();
    await().atMost(WAIT).until(() -> leaderName(d1).equals(Optional.of("json.info_0000000000")));
    d1.addListener(seen::add);

    contenders.get(0).close(); // graceful: withdraws its znode
    assertThat(contenders.get(1).awaitLeadership(WAIT)).isTrue();
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(d1.leader().map(MasterDetector.Leader::info)).contains(info(1));
      assertThat(d2.leader().map(MasterDetector.Leader::info)).contains(info(1));
    });
    assertThat(contenders.get(2).isLeader()).isFalse();

    clients.get(1).close(); // abrupt: the session ends, the ephemeral znode goes with it
    assertThat(contenders.get(2).awaitLeadership(WAIT)).isTrue();
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(leaderName(d1)).contains("json.info_0000000002");
      assertThat(leaderName(d2)).contains("json.info_0000000002");
    });

    contenders.get(2).close();
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(d1.leader()).isEmpty();
      assertThat(d2.leader()).isEmpty();
    });
    assertThat(seen).map(l -> l.map(MasterDetector.Leader::nodeName).orElse("none"))
        .containsExactly("json.info_0000000001", "json.info_0000000002", "none");
  }

  @ParameterizedTest @EnumSource(TestServers.class)
  void aLeaderWhoseSessionExpiresExitsOnceAndNeverOverlapsTheNextLeader(TestServers kind) throws Exception {
    startServer(kind);
    AtomicInteger acting = new AtomicInteger();
    AtomicInteger maxActing = new AtomicInteger();
    List<Integer> exits = new CopyOnWriteArrayList<>();
    List<CuratorFramework> clients = new ArrayList<>();
    List<LeadershipGuard> guards = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      clients.add(client());
      int master = i;
      LeadershipGuard guard = track(new LeadershipGuard(contender(clients.get(i), i),
          status -> exits.add(master * 100 + status), TAKEOVER_DELAY));
      guard.addListener(isActing -> {
        if (isActing) maxActing.accumulateAndGet(acting.incrementAndGet(), Math::max);
        else acting.decrementAndGet();
      });
      guards.add(guard);
      guard.start();
    }
    MasterDetector detector = detector();
    await().atMost(WAIT).until(() -> guards.get(0).isActingLeader());
    await().atMost(WAIT).until(() -> leaderName(detector).equals(Optional.of("json.info_0000000000")));

    expireSession(clients.get(0));

    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(exits).containsExactly(1); // master 0, status 1
      assertThat(guards.get(1).isActingLeader()).isTrue();
      assertThat(leaderName(detector)).contains("json.info_0000000001");
    });
    assertThat(guards.get(0).state()).isEqualTo(LeadershipGuard.State.EXITED);
    assertThat(guards.get(2).isActingLeader()).isFalse();
    assertThat(maxActing.get()).as("never two acting leaders").isEqualTo(1);

    // The old leader's client gets a new session, but the exited master must not contend again.
    CuratorFramework reader = clients.get(2);
    await().atMost(WAIT).until(() -> clients.get(0).getZookeeperClient().isConnected());
    await().during(Duration.ofMillis(1000)).atMost(WAIT).untilAsserted(() -> {
      assertThat(exits).containsExactly(1);
      assertThat(reader.getChildren().forPath(PATH)).containsExactlyInAnyOrder("json.info_0000000001", "json.info_0000000002");
    });
  }

  @ParameterizedTest @EnumSource(TestServers.class)
  void aFollowerWhoseSessionExpiresContendsAgain(TestServers kind) throws Exception {
    startServer(kind);
    List<Integer> exits = new CopyOnWriteArrayList<>();
    List<CuratorFramework> clients = new ArrayList<>();
    List<MasterContender> contenders = new ArrayList<>();
    List<LeadershipGuard> guards = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      clients.add(client());
      contenders.add(contender(clients.get(i), i));
      guards.add(track(new LeadershipGuard(contenders.get(i), exits::add)));
      guards.get(i).start();
    }
    await().atMost(WAIT).until(() -> guards.get(0).isActingLeader());

    expireSession(clients.get(1));

    await().atMost(WAIT).untilAsserted(() ->
        assertThat(contenders.get(1).nodeName()).contains("json.info_0000000002"));
    assertThat(guards.get(1).state()).isEqualTo(LeadershipGuard.State.CONTENDING);
    assertThat(guards.get(0).isActingLeader()).isTrue();
    assertThat(exits).isEmpty();
  }

  @ParameterizedTest @EnumSource(TestServers.class)
  void whenTheServerGoesAwayTheLeaderStopsActingAtOnceAndExitsWhenTheSessionIsLost(TestServers kind) throws Exception {
    startServer(kind);
    List<Integer> exits = new CopyOnWriteArrayList<>();
    List<LeadershipGuard> guards = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      int master = i;
      guards.add(track(new LeadershipGuard(contender(client(), i), status -> exits.add(master * 100 + status))));
      guards.get(i).start();
    }
    MasterDetector detector = detector();
    await().atMost(WAIT).until(() -> guards.get(0).isActingLeader());
    await().atMost(WAIT).until(() -> detector.leader().isPresent());

    server.close();

    // Suspended: no longer acting, but not exited (the session might survive).
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(guards.get(0).state()).isEqualTo(LeadershipGuard.State.SUSPENDED_LEADER);
      assertThat(guards.get(0).isActingLeader()).isFalse();
    });
    // The session timeout passes while disconnected: the leader exits once, the follower waits to contend again.
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(exits).containsExactly(1);
      assertThat(guards.get(0).state()).isEqualTo(LeadershipGuard.State.EXITED);
      assertThat(guards.get(1).state()).isEqualTo(LeadershipGuard.State.AWAITING_RECONNECT);
      assertThat(detector.leader()).isEmpty();
    });
  }

  @ParameterizedTest @EnumSource(TestServers.class)
  void credentialsInTheUrlAuthenticateWithDigest(TestServers kind) throws Exception {
    startServer(kind);
    CuratorFramework c = track(ZkClients.newClient(
        ZkUrl.parse("zk://alice:secret@" + server.connectString() + PATH), SESSION));
    c.start();
    assertThat(c.blockUntilConnected(10, SECONDS)).isTrue();
    c.create().creatingParentsIfNeeded().withACL(ZooDefs.Ids.CREATOR_ALL_ACL).forPath(PATH + "/guarded", new byte[0]);
    List<ACL> acl = c.getACL().forPath(PATH + "/guarded");
    assertThat(acl).singleElement().satisfies(a -> {
      assertThat(a.getId().getScheme()).isEqualTo("digest");
      assertThat(a.getId().getId()).isEqualTo(DigestAuthenticationProvider.generateDigest("alice:secret"));
    });
  }

  @ParameterizedTest @EnumSource(TestServers.class)
  void detectorIgnoresNonCandidatesAndWaitsForThePathToAppear(TestServers kind) throws Exception {
    startServer(kind);
    MasterDetector detector = detector();
    List<Optional<MasterDetector.Leader>> seen = new CopyOnWriteArrayList<>();
    detector.addListener(seen::add);
    CuratorFramework admin = client();
    admin.create().creatingParentsIfNeeded().forPath(PATH + "/log_replicas/replica1", new byte[0]);
    admin.create().withMode(CreateMode.EPHEMERAL_SEQUENTIAL).forPath(PATH + "/info_", new byte[] {0x0a, 0x01, 'x'});
    await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> detector.leader().isEmpty());

    MasterContender c = contender(client(), 7);
    String name = c.contend();
    assertThat(name).isEqualTo("json.info_0000000002"); // the sequence counts every child created under PATH
    await().atMost(WAIT).untilAsserted(() -> assertThat(detector.leader().map(MasterDetector.Leader::info)).contains(info(7)));
    assertThat(c.awaitLeadership(WAIT)).isTrue();
    assertThat(seen).hasSize(1);
  }
}
