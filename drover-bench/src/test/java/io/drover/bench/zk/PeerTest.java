package io.drover.bench.zk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command lines and configuration files each peer is started with. */
class PeerTest {
  private static final Ensemble THREE = Ensemble.of(3, List.of(2181, 2888, 3888, 2182, 2889, 3889, 2183, 2890, 3890));
  private static final Placement.QuorumTiming TIMING = new Placement.QuorumTiming(500, 7, 3);

  @TempDir Path work;

  @Test void zooKeeperMemberGetsQuorumPeerMainAZooCfgWithEveryServerAndItsMyid() throws Exception {
    Path data = Files.createDirectories(work.resolve("data"));
    List<String> cmd = new Peer.ZooKeeper().command(work, data, new Placement.InEnsemble(THREE, 2, TIMING));
    assertThat(cmd).containsExactly("-Dzookeeper.admin.enableServer=false",
        "org.apache.zookeeper.server.quorum.QuorumPeerMain", work.resolve("zoo.cfg").toAbsolutePath().toString());
    assertThat(Files.readAllLines(work.resolve("zoo.cfg"))).contains(
        "tickTime=500", "initLimit=7", "syncLimit=3", "clientPort=2182", "clientPortAddress=127.0.0.1",
        "dataDir=" + data.toAbsolutePath(), "forceSync=yes", "4lw.commands.whitelist=*",
        "server.1=127.0.0.1:2888:3888", "server.2=127.0.0.1:2889:3889", "server.3=127.0.0.1:2890:3890");
    assertThat(Files.readString(data.resolve("myid")).trim()).isEqualTo("2");
  }

  @Test void standaloneZooKeeperKeepsItsOwnMainAndHasNoQuorumSettings() throws Exception {
    Path data = Files.createDirectories(work.resolve("data"));
    List<String> cmd = new Peer.ZooKeeper().command(work, data, new Placement.Standalone(2181));
    assertThat(cmd).contains("org.apache.zookeeper.server.ZooKeeperServerMain");
    assertThat(Files.readString(work.resolve("zoo.cfg"))).contains("tickTime=2000", "clientPort=2181", "forceSync=yes")
        .doesNotContain("server.", "initLimit", "syncLimit");
    assertThat(data.resolve("myid")).doesNotExist();
  }

  @Test void coordMemberGetsIdPeersBindMetricsOffTheQuorumTimingAndTheExtraArguments() {
    Path data = work.resolve("data");
    List<String> cmd = new Peer.Coord("x.Main", List.of("--read-only-mode"))
        .command(work, data, new Placement.InEnsemble(THREE, 3, TIMING));
    assertThat(cmd).containsExactly("x.Main", "coord", "--id", "3", "--data-dir", data.toAbsolutePath().toString(),
        "--client-port", "2183", "--peers", "1=127.0.0.1:2888:3888,2=127.0.0.1:2889:3889,3=127.0.0.1:2890:3890",
        "--bind", "127.0.0.1", "--metrics-port", "0", "--tick-time", "500",
        "--init-limit", String.valueOf(TIMING.initLimitTicks()), "--sync-limit", String.valueOf(TIMING.syncLimitTicks()),
        "--read-only-mode");
  }

  @Test void standaloneCoordCommandIsUnchanged() {
    Path data = work.resolve("data");
    assertThat(new Peer.Coord("x.Main").command(work, data, new Placement.Standalone(4000))).containsExactly(
        "x.Main", "coord", "--client-port", "4000", "--data-dir", data.toAbsolutePath().toString(), "--metrics-port", "0");
  }
}
