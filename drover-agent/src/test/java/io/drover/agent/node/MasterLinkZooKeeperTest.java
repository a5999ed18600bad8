package io.drover.agent.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.common.random.Rng;
import io.drover.coord.server.CoordConfig;
import io.drover.coord.server.CoordServer;
import io.drover.master.ha.MasterContender;
import io.drover.master.ha.MasterInfos;
import io.drover.master.ha.ZkClients;
import io.drover.master.ha.ZkUrl;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leader detection through ZooKeeper: masters publish {@code json.info_} znodes on an embedded coord. */
final class MasterLinkZooKeeperTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String PATH = "/drover/master";
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final RecordingTasks tasks = new RecordingTasks();
  private CoordServer coord;
  private CuratorFramework client;

  @BeforeEach void startCoord(@TempDir Path dir) throws Exception {
    coord = CoordServer.start(CoordConfig.builder(dir, 0).bindAddress("127.0.0.1").tickTimeMs(200).build());
    closeables.add(coord);
    client = ZkClients.newClient(ZkUrl.parse(zkUrl()), Duration.ofSeconds(4));
    client.start();
    closeables.add(client);
  }

  @AfterEach void closeAll() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) closeables.get(i).close();
  }

  private String zkUrl() { return "zk://" + coord.connectString() + PATH; }

  private MasterContender contend(TestMaster master, String id) throws Exception {
    Inet4Address loopback = (Inet4Address) InetAddress.getByName("127.0.0.1");
    MasterContender contender = new MasterContender(client, PATH,
        MasterInfos.of(id, loopback, master.port(), "localhost", "test"));
    closeables.add(contender);
    contender.contend();
    return contender;
  }

  private MasterLink link() throws Exception {
    MasterLinkSettings settings = MasterLinkSettings.of("agent-host", 5051, "cpus:1", "", "test")
        .withBackoffMs(50, 400).withSubscribeTimeoutMs(2_000);
    MasterLink link = MasterLink.start(MasterLocator.parse(zkUrl()), tasks, settings, Rng.seeded(3),
        (status, reason) -> { throw new AssertionError("unexpected exit: " + reason); });
    closeables.add(link);
    return link;
  }

  @Test void findsTheLeaderAndFollowsALeaderChange() throws Exception {
    TestMaster first = TestMaster.start("first");
    closeables.add(first);
    TestMaster second = TestMaster.start("second");
    closeables.add(second);
    MasterContender firstContender = contend(first, "first");
    MasterLink link = link();

    await().atMost(WAIT).until(() -> tasks.registered.equals(List.of("first-S0")));
    assertThat(link.master()).contains(URI.create(first.base() + "/"));

    contend(second, "second"); // a higher sequence: a follower
    firstContender.withdraw(); // the leader goes: the second master leads

    await().atMost(WAIT).until(() -> tasks.registered.size() == 2);
    assertThat(second.subscribeCalls()).hasSize(1);
    assertThat(second.subscribeCalls().get(0).agentId()).contains("first-S0");
    assertThat(tasks.registered).containsExactly("first-S0", "first-S0");
    assertThat(link.master()).contains(URI.create(second.base() + "/"));
    await().atMost(WAIT).until(() -> !second.heartbeats.isEmpty());
  }

  @Test void waitsForALeaderToAppear() throws Exception {
    TestMaster master = TestMaster.start("late");
    closeables.add(master);
    MasterLink link = link();
    await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> link.master().isEmpty());
    assertThat(master.subscriptions).isEmpty();

    contend(master, "late");
    await().atMost(WAIT).until(() -> tasks.registered.equals(List.of("late-S0")));
  }
}
