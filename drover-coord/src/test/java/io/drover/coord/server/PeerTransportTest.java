package io.drover.coord.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.coord.server.PeerTransport.Port;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Three transports on loopback, real sockets. */
class PeerTransportTest {
  record Received(long from, Port port, String text) {}

  static final class Recorder implements PeerTransport.Listener {
    final List<Received> received = new CopyOnWriteArrayList<>();
    final List<String> disconnects = new CopyOnWriteArrayList<>();
    /** Both kinds, in the order they were reported: "received 1/QUORUM", "disconnected 1/QUORUM". */
    final List<String> order = new CopyOnWriteArrayList<>();

    @Override public void received(long fromId, Port port, byte[] message) {
      received.add(new Received(fromId, port, new String(message, StandardCharsets.UTF_8)));
      order.add("received " + fromId + "/" + port);
    }

    @Override public void disconnected(long peerId, Port port) {
      disconnects.add(peerId + "/" + port);
      order.add("disconnected " + peerId + "/" + port);
    }
  }

  private final List<PeerTransport> open = new ArrayList<>();

  @AfterEach void closeAll() { open.forEach(PeerTransport::close); }

  /** Ports handed out by this JVM: the OS may offer a just-closed port again, which --peers would refuse. */
  private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private static int freePort() throws IOException {
    while (true) {
      try (ServerSocket s = new ServerSocket(0)) {
        if (HANDED_OUT.add(s.getLocalPort())) return s.getLocalPort();
      }
    }
  }

  private static Peers threePeers() throws IOException {
    return Peers.parse("1=127.0.0.1:" + freePort() + ":" + freePort() + ",2=127.0.0.1:" + freePort() + ":"
        + freePort() + ",3=127.0.0.1:" + freePort() + ":" + freePort());
  }

  private PeerTransport start(long id, Peers peers, Recorder r) throws IOException {
    PeerTransport t = PeerTransport.start(id, peers, "127.0.0.1", r);
    open.add(t);
    return t;
  }

  private static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

  /** Sends and flushes at once (the server flushes once per loop turn instead). */
  private static boolean sendNow(PeerTransport t, long to, Port port, byte[] message) {
    boolean sent = t.send(to, port, message);
    t.flush();
    return sent;
  }

  @Test
  void everyPairTalksOnBothPortsInOrder() throws IOException {
    Peers peers = threePeers();
    Recorder r1 = new Recorder();
    Recorder r2 = new Recorder();
    Recorder r3 = new Recorder();
    PeerTransport t1 = start(1, peers, r1);
    PeerTransport t2 = start(2, peers, r2);
    start(3, peers, r3);
    await().atMost(Duration.ofSeconds(10)).until(() -> sendNow(t1, 2, Port.QUORUM, utf8("probe"))
        && sendNow(t1, 3, Port.ELECTION, utf8("probe")) && sendNow(t2, 1, Port.QUORUM, utf8("probe")));
    for (int i = 0; i < 1000; i++) {
      assertThat(sendNow(t1, 2, Port.QUORUM, utf8("q" + i))).isTrue();
      assertThat(sendNow(t1, 3, Port.ELECTION, utf8("e" + i))).isTrue();
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> r2.received.size() >= 1001 && r3.received.size() >= 1001);
    List<String> atTwo = r2.received.stream().filter(m -> m.from() == 1 && m.port() == Port.QUORUM)
        .map(Received::text).filter(t -> !t.equals("probe")).toList();
    assertThat(atTwo).hasSize(1000).first().isEqualTo("q0");
    assertThat(atTwo).last().isEqualTo("q999");
    assertThat(atTwo).isSortedAccordingTo((a, b) -> Integer.compare(Integer.parseInt(a.substring(1)),
        Integer.parseInt(b.substring(1))));
    assertThat(r3.received).filteredOn(m -> m.port() == Port.ELECTION && !m.text().equals("probe")).hasSize(1000)
        .allMatch(m -> m.from() == 1);
    assertThat(r1.received).extracting(Received::text).contains("probe"); // from 2
  }

  @Test
  void aServerThatGoesAwayIsReportedAndRedialledWhenItComesBack() throws IOException {
    Peers peers = threePeers();
    Recorder r1 = new Recorder();
    PeerTransport t1 = start(1, peers, r1);
    PeerTransport t2 = start(2, peers, new Recorder());
    // Both connections up first: a connection that was never made is retried, not reported as broken.
    await().atMost(Duration.ofSeconds(10)).until(() -> sendNow(t1, 2, Port.QUORUM, utf8("x"))
        && sendNow(t1, 2, Port.ELECTION, utf8("x")));
    t2.close();
    open.remove(t2);
    await().atMost(Duration.ofSeconds(10)).until(() -> r1.disconnects.contains("2/QUORUM")
        && r1.disconnects.contains("2/ELECTION"));
    assertThat(sendNow(t1, 2, Port.QUORUM, utf8("lost"))).isFalse();

    Recorder again = new Recorder();
    start(2, peers, again);
    await().atMost(Duration.ofSeconds(10)).until(() -> sendNow(t1, 2, Port.QUORUM, utf8("back")));
    await().atMost(Duration.ofSeconds(10)).until(() -> again.received.stream().anyMatch(m -> m.text().equals("back")));
    assertThat(again.received).noneMatch(m -> m.text().equals("lost"));
  }

  @Test
  void aConnectionThatDoesNotNameAMemberIsClosedUnheard() throws Exception {
    Peers peers = threePeers();
    Recorder r1 = new Recorder();
    start(1, peers, r1);
    try (Socket s = new Socket("127.0.0.1", peers.require(1).quorumPort())) {
      OutputStream out = s.getOutputStream();
      out.write(ByteBuffer.allocate(8).putLong(42).array());
      out.write(ByteBuffer.allocate(9).putInt(5).put(utf8("hello")).array());
      out.flush();
      s.setSoTimeout(5000);
      assertThat(s.getInputStream().read()).isEqualTo(-1); // closed by the server
    }
    assertThat(r1.received).isEmpty();
  }

  @Test
  void whatADeadPeerSentIsReportedBeforeItsConnectionsBreak() throws IOException {
    // A peer that dies closes both directions at once; a learner told of the break before it read its leader's
    // last proposals would lose them.
    for (int round = 0; round < 5; round++) {
      Peers peers = Peers.parse("1=127.0.0.1:" + freePort() + ":" + freePort() + ",2=127.0.0.1:" + freePort() + ":"
          + freePort());
      Recorder r2 = new Recorder();
      PeerTransport t1 = start(1, peers, new Recorder());
      PeerTransport t2 = start(2, peers, r2);
      await().atMost(Duration.ofSeconds(10)).until(() -> sendNow(t1, 2, Port.QUORUM, utf8("probe"))
          && sendNow(t2, 1, Port.QUORUM, utf8("probe")));
      await().atMost(Duration.ofSeconds(10)).until(() -> !r2.received.isEmpty());
      byte[] kilobyte = new byte[1024];
      for (int i = 0; i < 2_000; i++) t1.send(2, Port.QUORUM, kilobyte);
      t1.flush();
      t1.close();
      await().atMost(Duration.ofSeconds(10)).until(() -> r2.disconnects.contains("1/QUORUM"));
      List<String> order = List.copyOf(r2.order);
      assertThat(order.subList(order.indexOf("disconnected 1/QUORUM"), order.size()))
          .as("round %d: nothing from 1 on the quorum port after its break", round)
          .doesNotContain("received 1/QUORUM");
    }
  }
}
