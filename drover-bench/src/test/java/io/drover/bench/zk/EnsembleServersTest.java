package io.drover.bench.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Real ensembles of child JVMs: forming, the load spread, leader kill and failover, cleanup, fail-fast. */
class EnsembleServersTest {
  private static final Placement.QuorumTiming TIMING = new Placement.QuorumTiming(500, 10, 5);

  @Test @Timeout(240) void zooKeeperEnsembleServesFailsOverWhenItsLeaderIsKilledAndLeavesNothingBehind() throws Exception {
    Servers.Launch launch = Servers.Launch.ofCurrentJvm(List.of("-Xmx128m", "-XX:+UseSerialGC"), 120_000);
    List<ProcessHandle> handles;
    List<Path> dirs;
    try (RunningEnsemble ensemble = Servers.startEnsemble(new Peer.ZooKeeper(), 3, TIMING, launch)) {
      handles = ensemble.servers().stream().map(s -> s.process().toHandle()).toList();
      dirs = ensemble.servers().stream().map(RunningServer::workDir).toList();
      assertThat(handles).hasSize(3).allMatch(ProcessHandle::isAlive);
      assertThat(ensemble.memberConnectStrings()).hasSize(3).doesNotHaveDuplicates();

      LoadGenerator gen = new LoadGenerator(ensemble.memberConnectStrings(),
          new LoadGenerator.Settings(3, 2, 10, 100, 50, 200, 500, 1L, 30_000, 30_000));
      gen.setup();
      LoadGenerator.Result r = gen.run();
      assertThat(r.ops()).isPositive();
      assertThat(r.errors()).isZero();

      int leader = ensemble.awaitLeader(10_000);
      FailoverProbe.Outcome o = new FailoverProbe(new FailoverProbe.Settings(2, 100, 500, 60_000, 30_000))
          .measure(ensemble);
      assertThat(o.killedLeaderId()).isEqualTo(leader);
      assertThat(o.newLeaderId()).isNotEqualTo(leader).isBetween(1, 3);
      assertThat(ensemble.server(leader).process().isAlive()).isFalse();
      assertThat(o.unrecoveredClients()).isZero();
      assertThat(o.recoveredMs()).hasSize(2).allSatisfy(ms -> assertThat(ms).isPositive().isLessThan(60_000.0));
      assertThat(o.minMs()).isLessThanOrEqualTo(o.maxMs());
    }
    assertThat(handles).noneMatch(ProcessHandle::isAlive);
    assertThat(dirs).allSatisfy(d -> assertThat(d).doesNotExist());
  }

  @Test @Timeout(90) void aCoordThatRejectsThePeersFlagFailsAtOnceSayingSo() {
    // A ready timeout far above the test timeout: only the fail-fast path can pass.
    Servers.Launch launch = Servers.Launch.ofCurrentJvm(List.of("-Xmx64m"), 600_000);
    assertThatThrownBy(() -> Servers.startEnsemble(new Peer.Coord(StandaloneOnlyCoordMain.class.getName()), 3, TIMING,
        launch))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("did not become ready")
        .hasMessageContaining("exited with status 2")
        .hasMessageContaining("rejected the ensemble arguments (Unknown options: '--id'")
        .hasMessageContaining("--only zookeeper");
  }

  @Test void theHintIsOnlyForCoordAndOnlyForRejectedArguments() {
    String logs = "Unknown options: '--id', '1'\nUsage: drover coord ...\n";
    assertThat(Servers.rejectedArgumentsHint(new Peer.Coord("m"), logs)).contains("Unknown options: '--id', '1'");
    assertThat(Servers.rejectedArgumentsHint(new Peer.ZooKeeper(), logs)).isEmpty();
    assertThat(Servers.rejectedArgumentsHint(new Peer.Coord("m"), "java.net.BindException: Address in use")).isEmpty();
  }
}
