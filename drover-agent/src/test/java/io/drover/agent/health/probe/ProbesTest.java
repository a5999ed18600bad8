package io.drover.agent.health.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.drover.agent.health.ProbeResult;
import io.drover.agent.health.ProbeSpec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProbesTest {
  /** Upper bound for probes expected to finish: generous, since CI machines are shared and slow. */
  private static final long LONG_MS = 15_000;
  private HttpServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/ok", ex -> respond(ex, 200));
    server.createContext("/moved", ex -> respond(ex, 302));
    server.createContext("/broken", ex -> respond(ex, 500));
    server.createContext("/slow", ex -> {
      try {
        new java.util.concurrent.CountDownLatch(1).await(); // never answers; the probe must give up on its own
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
  }

  private static void respond(com.sun.net.httpserver.HttpExchange ex, int status) throws java.io.IOException {
    ex.sendResponseHeaders(status, -1);
    ex.close();
  }

  @AfterEach
  void stopServer() { server.stop(0); }

  private Probe http(String path) { return Probes.of(ProbeSpec.Http.of(server.getAddress().getPort(), path), "127.0.0.1"); }

  @Test
  void http200And3xxAreHealthyAnd500IsNot() throws Exception {
    try (Probe ok = http("/ok"); Probe moved = http("/moved"); Probe broken = http("/broken")) {
      assertThat(ok.run(LONG_MS)).isInstanceOfSatisfying(ProbeResult.Passed.class,
          p -> assertThat(p.detail()).startsWith("HTTP 200"));
      assertThat(moved.run(LONG_MS)).isInstanceOf(ProbeResult.Passed.class);
      assertThat(broken.run(LONG_MS)).isInstanceOfSatisfying(ProbeResult.Failed.class,
          f -> assertThat(f.reason()).startsWith("HTTP 500"));
    }
  }

  @Test
  void anHttpServerThatDoesNotAnswerTimesOut() throws Exception {
    try (Probe slow = http("/slow")) {
      assertThat(slow.run(200)).isEqualTo(new ProbeResult.TimedOut(200));
    }
  }

  @Test
  void httpToAClosedPortFails() throws Exception {
    int closed = closedPort();
    try (Probe probe = Probes.of(ProbeSpec.Http.of(closed, "/"), "127.0.0.1")) {
      assertThat(probe.run(LONG_MS)).isInstanceOf(ProbeResult.Failed.class);
    }
  }

  @Test
  void tcpIsHealthyOnAnOpenPortAndNotOnAClosedOne() throws Exception {
    try (ServerSocket open = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      assertThat(Probes.of(new ProbeSpec.Tcp(open.getLocalPort()), "127.0.0.1").run(LONG_MS))
          .isInstanceOf(ProbeResult.Passed.class);
    }
    assertThat(Probes.of(new ProbeSpec.Tcp(closedPort()), "127.0.0.1").run(LONG_MS))
        .isInstanceOfSatisfying(ProbeResult.Failed.class, f -> assertThat(f.reason()).contains("cannot connect"));
  }

  @Test
  void commandsAreHealthyIffTheyExitZero() throws Exception {
    assertThat(Probes.of(ProbeSpec.Command.of("true"), "127.0.0.1").run(LONG_MS)).isInstanceOf(ProbeResult.Passed.class);
    assertThat(Probes.of(ProbeSpec.Command.of("false"), "127.0.0.1").run(LONG_MS))
        .isEqualTo(new ProbeResult.Failed("'false' exited with code 1"));
    assertThat(Probes.of(new ProbeSpec.Command("test \"$PROBE_ENV\" = yes", Map.of("PROBE_ENV", "yes")), "h")
        .run(LONG_MS)).as("environment reaches the command").isInstanceOf(ProbeResult.Passed.class);
  }

  @Test
  void aCommandThatOutlivesItsTimeoutIsKilled() throws Exception {
    String marker = "drover-probe-test-" + ProcessHandle.current().pid() + "-" + System.identityHashCode(this);
    long t0 = System.nanoTime();
    ProbeResult r = Probes.of(ProbeSpec.Command.of("sleep 5; echo " + marker), "h").run(200);
    long tookMs = (System.nanoTime() - t0) / 1_000_000;
    assertThat(r).isEqualTo(new ProbeResult.TimedOut(200));
    assertThat(tookMs).as("returned at the timeout, not after sleep 5").isLessThan(4_500);
    // destroyForcibly only sends SIGKILL; give the kernel a moment to finish the job.
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(3)).untilAsserted(() -> {
      List<ProcessHandle> leftovers = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
          .filter(p -> p.info().commandLine().map(c -> c.contains("sleep 5")).orElse(false)).toList();
      assertThat(leftovers).as("no sleep survives the probe").isEmpty();
    });
  }

  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
