package io.drover.agent.health.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.drover.agent.health.HealthCheckSpec;
import io.drover.agent.health.HealthReport;
import io.drover.agent.health.ProbeSpec;
import io.drover.common.time.Clock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthCheckRunnerTest {
  private HttpServer server;
  private final AtomicInteger status = new AtomicInteger(200);
  private final AtomicInteger requests = new AtomicInteger();
  private final List<HealthReport> reports = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/health", ex -> {
      requests.incrementAndGet();
      ex.sendResponseHeaders(status.get(), -1);
      ex.close();
    });
    server.start();
  }

  @AfterEach
  void stopServer() { server.stop(0); }

  private HealthCheckSpec spec(int consecutiveFailures) {
    // No delay, 50 ms between probes, 10 s timeout (only a bound on a shared machine), no grace period.
    return new HealthCheckSpec(ProbeSpec.Http.of(server.getAddress().getPort(), "/health"), 0, 50, 10_000,
        consecutiveFailures, 0);
  }

  @Test
  void reportsHealthyThenUnhealthyWithAKillDecisionThenHealthyAgain() {
    try (HealthCheckRunner runner = HealthCheckRunner.start("t1", spec(2),
        Probes.of(spec(2).probe(), "127.0.0.1"), Clock.system(), (task, r) -> reports.add(r))) {
      await().atMost(Duration.ofSeconds(10)).until(() -> reports.size() == 1);
      assertThat(reports.get(0).healthy()).isTrue();

      status.set(500);
      await().atMost(Duration.ofSeconds(10)).until(() -> reports.size() >= 3);
      assertThat(List.copyOf(reports).subList(1, 3)).extracting(HealthReport::healthy, HealthReport::consecutiveFailures,
          HealthReport::killTask).containsExactly(
              org.assertj.core.groups.Tuple.tuple(false, 1, false), org.assertj.core.groups.Tuple.tuple(false, 2, true));

      status.set(200);
      await().atMost(Duration.ofSeconds(10)).until(() -> reports.get(reports.size() - 1).healthy());
      assertThat(runner.isRunning()).isTrue();
    }
  }

  @Test
  void closeStopsProbingAndTheThread() {
    HealthCheckRunner runner = HealthCheckRunner.start("t2", spec(3), Probes.of(spec(3).probe(), "127.0.0.1"),
        Clock.system(), (task, r) -> reports.add(r));
    await().atMost(Duration.ofSeconds(10)).until(() -> runner.probesRun() >= 2);
    runner.close();
    assertThat(runner.isRunning()).isFalse();
    int after = requests.get();
    await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> requests.get() == after);
  }

  @Test
  void aCommandProbeInFlightIsKilledOnClose() {
    HealthCheckSpec slow = new HealthCheckSpec(ProbeSpec.Command.of("sleep 30"), 0, 50, 0, 3, 0);
    HealthCheckRunner runner = HealthCheckRunner.start("t3", slow, Probes.of(slow.probe(), "h"), Clock.system(),
        (task, r) -> reports.add(r));
    await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.current().descendants()
        .anyMatch(p -> p.info().commandLine().map(c -> c.contains("sleep 30")).orElse(false)));
    runner.close();
    assertThat(runner.isRunning()).isFalse();
    await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.current().descendants()
        .noneMatch(p -> p.isAlive() && p.info().commandLine().map(c -> c.contains("sleep 30")).orElse(false)));
    assertThat(reports).isEmpty();
  }

  @Test
  void aThrowingListenerDoesNotStopHealthChecking() {
    AtomicInteger calls = new AtomicInteger();
    status.set(500);
    try (HealthCheckRunner runner = HealthCheckRunner.start("t4", spec(100), Probes.of(spec(100).probe(), "127.0.0.1"),
        Clock.system(), (task, r) -> {
          calls.incrementAndGet();
          throw new IllegalStateException("listener bug");
        })) {
      await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() >= 3);
      assertThat(runner.isRunning()).isTrue();
    }
  }
}
