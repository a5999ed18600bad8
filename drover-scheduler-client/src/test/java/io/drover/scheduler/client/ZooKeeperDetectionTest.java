package io.drover.scheduler.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.common.random.Rng;
import io.drover.coord.server.CoordConfig;
import io.drover.coord.server.CoordServer;
import io.drover.master.api.v1.FrameworkID;
import io.drover.master.ha.MasterContender;
import io.drover.master.ha.MasterInfos;
import io.drover.master.ha.ZkClients;
import io.drover.master.ha.ZkUrl;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leader detection through a real coord server: masters publish {@code json.info_} znodes with MasterContender. */
final class ZooKeeperDetectionTest {
  private static final String PATH = "/drover/master";
  private final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach void closeAll() throws Exception {
    for (AutoCloseable c : resources.reversed()) c.close();
  }

  private <T extends AutoCloseable> T track(T c) {
    resources.add(c);
    return c;
  }

  private MasterContender publish(String zk, String id, FakeMaster master) throws Exception {
    CuratorFramework curator = track(ZkClients.newClient(ZkUrl.parse(zk), Duration.ofSeconds(5)));
    curator.start();
    MasterContender contender = track(new MasterContender(curator, PATH,
        MasterInfos.of(id, (Inet4Address) InetAddress.getByName("127.0.0.1"), master.port(), "localhost", "test")));
    contender.contend();
    return contender;
  }

  @Test void findsTheLeaderAndFollowsAChangeOfLeaderWithTheSameFrameworkId(@TempDir Path dir) throws Exception {
    CoordServer coord = CoordServer.start(CoordConfig.builder(dir, 0).bindAddress("127.0.0.1").tickTimeMs(200).build());
    resources.add(coord);
    String zk = "zk://" + coord.connectString() + PATH;
    FakeMaster a = track(new FakeMaster("a"));
    FakeMaster b = track(new FakeMaster("b"));
    MasterContender first = publish(zk, "master-a", a);
    Recorder recorder = new Recorder();
    SchedulerClient client = track(SchedulerClient.builder().master(zk).frameworkInfo(SchedulerClientTest.INFO)
        .scheduler(recorder).backoff(SchedulerClientTest.FAST).rng(Rng.seeded(1)).build());
    client.start();

    await().atMost(Duration.ofSeconds(20)).until(client::isSubscribed);
    assertThat(client.masterEndpoint().orElseThrow().toString()).isEqualTo(a.url() + "/api/v1/scheduler");
    assertThat(client.frameworkId()).contains(new FrameworkID("a-0000"));

    publish(zk, "master-b", b); // a higher sequence: b waits behind a
    first.withdraw();           // a's znode goes; b leads

    await().atMost(Duration.ofSeconds(20)).until(() -> b.subscribes.size() == 1 && client.isSubscribed()
        && client.masterEndpoint().orElseThrow().toString().equals(b.url() + "/api/v1/scheduler"));
    assertThat(b.subscribes.getFirst().call().frameworkId()).isEqualTo(new FrameworkID("a-0000"));
    assertThat(b.subscribes.getFirst().call().subscribe().frameworkInfo().id()).isEqualTo(new FrameworkID("a-0000"));
    assertThat(client.frameworkId()).contains(new FrameworkID("a-0000"));
    assertThat(recorder.disconnects.getFirst()).contains("leading master changed");
    assertThat(a.subscribes).hasSize(1);
  }
}
