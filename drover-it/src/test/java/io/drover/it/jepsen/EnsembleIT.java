package io.drover.it.jepsen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness itself, proven on a real Apache ZooKeeper 3.9 ensemble (3 voters + 1 observer): modes, leader changes
 * when the leader is isolated through the link proxies or killed, restarts, and a close that frees every process and
 * port.
 */
class EnsembleIT {
  @TempDir Path tmp;

  @Test
  void isolatesKillsRestartsAndFreesEverything() throws IOException {
    List<Integer> clientPorts;
    try (Ensemble ensemble = Ensemble.start(new ZooKeeperServer(), 3, 1, tmp)) {
      clientPorts = ensemble.ids().stream().map(id -> ensemble.member(id).clientPort()).toList();
      int leader = ensemble.awaitServing(Duration.ofSeconds(60));
      assertThat(ensemble.voters()).containsExactly(1, 2, 3).contains(leader);
      assertThat(ensemble.mode(4)).contains("observer");
      assertThat(ensemble.connectString()).contains(ensemble.connectString(4));

      // The isolated leader loses its quorum and stops serving; the majority elects another.
      ensemble.partition(List.of(leader), FaultProxy.PartitionMode.BLACKHOLE);
      Awaitility.await("a new leader on the majority side").atMost(Duration.ofSeconds(60))
          .until(() -> ensemble.leader().filter(l -> l != leader).isPresent() && ensemble.mode(leader).isEmpty());
      ensemble.heal();
      int second = ensemble.awaitServing(Duration.ofSeconds(60));
      assertThat(ensemble.mode(leader)).isPresent();

      ensemble.kill9(second);
      assertThat(ensemble.isRunning(second)).isFalse();
      Awaitility.await("a leader after kill -9").atMost(Duration.ofSeconds(60))
          .until(() -> ensemble.leader().filter(l -> l != second).isPresent());
      ensemble.restart(second);
      ensemble.awaitServing(Duration.ofSeconds(60));
      assertThat(ensemble.ids()).allMatch(ensemble::isRunning);
      assertThat(ensemble.mode(second)).isPresent().get().isNotEqualTo("leader");
    }
    for (int port : clientPorts) assertThat(refuses(port)).as("port %d is free after close", port).isTrue();
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
        .map(p -> p.info().commandLine().orElse("")).filter(c -> c.contains("QuorumPeerMain")).toList()).isEmpty();
  }

  private static boolean refuses(int port) {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }
}
