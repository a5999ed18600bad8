package io.drover.it.jepsen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy with real sockets: an echo server behind it. */
class FaultProxyTest {
  private ServerSocket echo;
  private final Set<Socket> echoed = ConcurrentHashMap.newKeySet();
  private FaultProxy proxy;

  @BeforeEach
  void startEchoAndProxy() throws IOException {
    echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(() -> {
      while (!echo.isClosed()) {
        try {
          Socket s = echo.accept();
          echoed.add(s);
          Thread.ofVirtual().start(() -> echoUntilClosed(s));
        } catch (IOException e) {
          return; // the test closed the echo server
        }
      }
    });
    proxy = FaultProxy.start("test", new InetSocketAddress(InetAddress.getLoopbackAddress(), echo.getLocalPort()));
  }

  private void echoUntilClosed(Socket s) {
    try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
      in.transferTo(out);
    } catch (IOException e) {
      // the proxy reset the connection: expected in these tests
    } finally {
      echoed.remove(s);
    }
  }

  @AfterEach
  void stop() throws IOException {
    proxy.close();
    echo.close();
    for (Socket s : echoed) s.close();
  }

  private Socket open() throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), proxy.port()), 2000);
    s.setSoTimeout(2000);
    return s;
  }

  private static String roundTrip(Socket s, String text) throws IOException {
    s.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    s.getOutputStream().flush();
    return new String(s.getInputStream().readNBytes(text.length()), StandardCharsets.UTF_8);
  }

  /** True when the peer ended the connection: end of stream or a reset. */
  private static boolean endedByPeer(Socket s) {
    try {
      s.getOutputStream().write(1);
      return s.getInputStream().read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  /** True when a new connection is reset while opening or ended right after. */
  private boolean refused() {
    try (Socket s = open()) {
      return endedByPeer(s);
    } catch (IOException e) {
      return true;
    }
  }

  @Test
  void forwardsBothWaysAndLargeTransfers() throws IOException {
    try (Socket s = open()) {
      assertThat(roundTrip(s, "hello")).isEqualTo("hello");
      String big = "x".repeat(300_000);
      assertThat(roundTrip(s, big)).isEqualTo(big);
      assertThat(proxy.openConnections()).isEqualTo(1);
    }
    Awaitility.await("the proxy drops the closed connection").atMost(Duration.ofSeconds(5))
        .until(() -> proxy.openConnections() == 0);
  }

  @Test
  void refusingPartitionDropsExistingConnectionsAndRefusesNewOnesUntilHealed() throws IOException {
    try (Socket before = open()) {
      assertThat(roundTrip(before, "a")).isEqualTo("a");
      proxy.partition(FaultProxy.PartitionMode.REFUSE);
      assertThat(endedByPeer(before)).isTrue();
      assertThat(refused()).isTrue();
      assertThat(proxy.openConnections()).isZero();
      proxy.heal();
      try (Socket after = open()) {
        assertThat(roundTrip(after, "back")).isEqualTo("back");
      }
    }
  }

  @Test
  void blackHolePartitionSwallowsBytesAndHealClosesTheBlackHoledConnections() throws IOException {
    proxy.partition(FaultProxy.PartitionMode.BLACKHOLE);
    try (Socket during = open()) {
      during.setSoTimeout(300);
      during.getOutputStream().write("lost".getBytes(StandardCharsets.UTF_8));
      assertThatThrownBy(() -> during.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
      proxy.heal();
      during.setSoTimeout(2000);
      assertThat(endedByPeer(during)).isTrue();
    }
    try (Socket after = open()) {
      assertThat(roundTrip(after, "through")).isEqualTo("through");
    }
  }

  @Test
  void delayHoldsEveryChunkBack() throws IOException {
    proxy.delay(Duration.ofMillis(300));
    try (Socket s = open()) {
      long start = System.nanoTime();
      assertThat(roundTrip(s, "slow")).isEqualTo("slow");
      // Both directions are delayed.
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
      proxy.delay(Duration.ZERO);
      start = System.nanoTime();
      assertThat(roundTrip(s, "fast")).isEqualTo("fast");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(300));
    }
  }

  @Test
  void closeFreesThePortAndEndsConnections() throws IOException {
    int port = proxy.port();
    try (Socket s = open()) {
      assertThat(roundTrip(s, "x")).isEqualTo("x");
      proxy.close();
      assertThat(endedByPeer(s)).isTrue();
    }
    assertThat(proxy.openConnections()).isZero();
    assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close()).isInstanceOf(IOException.class);
  }

  @Test
  void handshakeRewritesTheFirstMessageOnly() throws IOException {
    proxy.handshake(in -> {
      byte[] first = in.readNBytes(4);
      return new String(first, StandardCharsets.UTF_8).toUpperCase().getBytes(StandardCharsets.UTF_8);
    });
    try (Socket s = open()) {
      assertThat(roundTrip(s, "abcdefgh")).isEqualTo("ABCDefgh");
      assertThat(roundTrip(s, "more")).isEqualTo("more");
    }
  }
}
