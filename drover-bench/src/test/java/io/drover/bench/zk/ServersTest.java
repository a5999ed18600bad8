package io.drover.bench.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A real ZooKeeper child JVM: readiness, the heap probe through jcmd, and cleanup. */
class ServersTest {
  @Test @Timeout(120) void startsZooKeeperAsAChildJvmMeasuresItsHeapAndCleansUp() throws Exception {
    Servers.Launch launch = Servers.Launch.ofCurrentJvm(List.of("-Xmx256m", "-Xms256m", "-XX:+UseG1GC"), 60_000);
    Path workDir;
    ProcessHandle handle;
    try (RunningServer server = Servers.start(new Peer.ZooKeeper(), launch)) {
      workDir = server.workDir();
      handle = server.process().toHandle();
      assertThat(server.pid()).isNotEqualTo(ProcessHandle.current().pid());
      assertThat(Files.readString(workDir.resolve("zoo.cfg"))).contains("forceSync=yes", "clientPort=" + server.port());
      try (ZooKeeper zk = Zk.connect(server.connectString(), 10_000)) {
        assertThat(zk.exists("/", false)).isNotNull();
      }
      HeapProbe.HeapUsage h = HeapProbe.ofCurrentJvm().measure(server, 5_000, 100);
      assertThat(h.beforeBytes()).isPositive();
      assertThat(h.afterBytes()).as("5k znodes retain heap").isGreaterThan(h.beforeBytes());
    }
    assertThat(handle.isAlive()).isFalse();
    assertThat(workDir).doesNotExist();
  }

  @Test @Timeout(120) void startsCoordThroughItsCliArgumentsAndFallsBackToASessionWhenRuokIsRefused() throws Exception {
    Servers.Launch launch = Servers.Launch.ofCurrentJvm(List.of("-Xmx256m"), 60_000);
    Path workDir;
    try (RunningServer server = Servers.start(new Peer.Coord(FakeCoordMain.class.getName()), launch)) {
      workDir = server.workDir();
      LoadGenerator gen = new LoadGenerator(server.connectString(),
          new LoadGenerator.Settings(2, 4, 10, 1024, 50, 0, 300, 1L, 10_000, 10_000));
      gen.setup();
      LoadGenerator.Result r = gen.run();
      assertThat(r.ops()).isPositive();
      assertThat(r.errors()).isZero();
    }
    assertThat(workDir).doesNotExist();
  }

  @Test @Timeout(120) void aServerThatExitsAtStartupFailsWithItsLogAndLeavesNothingBehind() {
    Servers.Launch launch = Servers.Launch.ofCurrentJvm(List.of("-Xmx128m"), 60_000);
    assertThatThrownBy(() -> Servers.start(new Peer.Coord("io.drover.bench.zk.NoSuchMain"), launch))
        .isInstanceOf(java.io.IOException.class)
        .hasMessageContaining("did not become ready")
        .hasMessageContaining("NoSuchMain");
  }
}
