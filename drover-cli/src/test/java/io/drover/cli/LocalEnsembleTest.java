package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.coord.server.CoordServer;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drover up --ensemble N}: port choice, and three local servers electing one leader. */
class LocalEnsembleTest {
  @TempDir Path tmp;

  @Test void customaryPortsWhenFreeOthersWhenTaken() {
    AtomicInteger next = new AtomicInteger(40_000);
    Set<Integer> taken = Set.of(2182, 3888);
    List<LocalEnsemble.Ports> ports = LocalEnsemble.choosePorts(3, 2181, p -> !taken.contains(p), next::getAndIncrement);
    assertThat(ports).containsExactly(new LocalEnsemble.Ports(2181, 2888, 40_000), new LocalEnsemble.Ports(40_001, 2889, 3889),
        new LocalEnsemble.Ports(2183, 2890, 3890));
  }

  @Test void portsNeverRepeat() {
    AtomicInteger next = new AtomicInteger(50_000);
    // A client base that overlaps the quorum ports still gives distinct ports.
    List<LocalEnsemble.Ports> ports = LocalEnsemble.choosePorts(3, 2887, p -> true, next::getAndIncrement);
    assertThat(ports.stream().flatMap(p -> List.of(p.client(), p.quorum(), p.election()).stream()).distinct())
        .hasSize(9);
  }

  @Test void threeLocalServersElectOneLeader() throws Exception {
    try (LocalEnsemble ensemble = LocalEnsemble.start(tmp, 3, LocalEnsemble.freePort(), 0)) {
      assertThat(ensemble.awaitServing(30_000)).isTrue();
      assertThat(ensemble.connectString().split(",")).hasSize(3);
      long leaders = 0;
      for (CoordServer s : ensemble.servers()) {
        String srvr = ask(s.clientPort(), "srvr");
        assertThat(srvr).containsAnyOf("Mode: leader", "Mode: follower");
        if (srvr.contains("Mode: leader")) leaders++;
      }
      assertThat(leaders).isEqualTo(1);
    }
  }

  private static String ask(int port, String word) throws Exception {
    try (Socket s = new Socket(LocalEnsemble.HOST, port)) {
      s.getOutputStream().write(word.getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
