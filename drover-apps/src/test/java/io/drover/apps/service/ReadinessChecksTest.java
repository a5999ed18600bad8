package io.drover.apps.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.drover.apps.deploy.DeploymentJson.LastResponseView;
import io.drover.apps.deploy.DeploymentJson.ReadinessCheckResultView;
import io.drover.apps.model.ReadinessCheck;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link ReadinessChecks} against a real HTTP server on loopback. */
final class ReadinessChecksTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private HttpServer server;
  private final BlockingQueue<ReadinessCheckResultView> results = new LinkedBlockingQueue<>(1000);
  private final List<Long> warmingHitsMs = new CopyOnWriteArrayList<>();
  private final AtomicInteger okHits = new AtomicInteger();
  private final CountDownLatch release = new CountDownLatch(1);
  private ReadinessChecks checks;

  @BeforeEach void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    // 503 twice, then 200.
    server.createContext("/warming", ex -> {
      warmingHitsMs.add(System.nanoTime() / 1_000_000);
      if (warmingHitsMs.size() <= 2) reply(ex, 503, "text/plain; charset=utf-8", "warming up");
      else reply(ex, 200, "application/json", "{\"ok\":true}");
    });
    server.createContext("/ok", ex -> {
      okHits.incrementAndGet();
      reply(ex, 200, "text/plain", "fine");
    });
    server.createContext("/stuck", ex -> {
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      reply(ex, 200, "text/plain", "late");
    });
    server.start();
    checks = ReadinessChecks.create(results::add);
  }

  @AfterEach void stop() {
    checks.close();
    release.countDown();
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }

  private static void reply(HttpExchange ex, int status, String type, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, b.length);
    ex.getResponseBody().write(b);
    ex.close();
  }

  private String url(String path) { return "http://127.0.0.1:" + server.getAddress().getPort() + path; }

  private static ReadinessCheck check(String path, long intervalS, long timeoutS, List<Integer> codes,
      boolean preserve) {
    return new ReadinessCheck("ready-check", "HTTP", path, "http", intervalS, timeoutS, codes, preserve);
  }

  private ReadinessCheckResultView next() throws InterruptedException {
    ReadinessCheckResultView r = results.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(r).as("a result in time").isNotNull();
    return r;
  }

  @Test void notReadyUntilAReadyStatusEveryIntervalThenStops() throws Exception {
    checks.start("t1", check("/warming", 1, 1, List.of(200), true), url("/warming"));
    assertThat(next()).isEqualTo(new ReadinessCheckResultView("t1", "ready-check", false,
        new LastResponseView(503, "text/plain", "warming up")));
    assertThat(next().ready()).isFalse();
    assertThat(next()).isEqualTo(new ReadinessCheckResultView("t1", "ready-check", true,
        new LastResponseView(200, "application/json", "{\"ok\":true}")));
    assertThat(warmingHitsMs.get(1) - warmingHitsMs.get(0)).as("one interval apart").isGreaterThanOrEqualTo(900);
    assertThat(warmingHitsMs.get(2) - warmingHitsMs.get(1)).isGreaterThanOrEqualTo(900);
    await().atMost(Duration.ofSeconds(5)).until(() -> checks.active().isEmpty());
    // Ready: no further requests.
    await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5)).until(() -> warmingHitsMs.size() == 3);
    assertThat(results).isEmpty();
  }

  @Test void withoutPreserveLastResponseTheResultHasNoResponse() throws Exception {
    checks.start("t2", check("/ok", 1, 1, List.of(200), false), url("/ok"));
    assertThat(next()).isEqualTo(new ReadinessCheckResultView("t2", "ready-check", true, null));
  }

  @Test void aStatusNotListedIsNotReady() throws Exception {
    checks.start("t3", check("/ok", 1, 1, List.of(204, 301), true), url("/ok"));
    ReadinessCheckResultView r = next();
    assertThat(r.ready()).isFalse();
    assertThat(r.lastResponse()).isEqualTo(new LastResponseView(200, "text/plain", "fine"));
    assertThat(next().ready()).as("checked again after the interval").isFalse();
    checks.stop("t3");
    assertThat(checks.active()).isEmpty();
    int hits = okHits.get();
    await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5)).until(() -> okHits.get() == hits);
  }

  @Test void aSlowAnswerTimesOutAndAConnectionFailureIsNotReady() throws Exception {
    checks.start("slow", check("/stuck", 5, 1, List.of(200), true), url("/stuck"));
    long startMs = System.nanoTime() / 1_000_000;
    ReadinessCheckResultView slow = next();
    assertThat(System.nanoTime() / 1_000_000 - startMs).as("after the timeout").isBetween(900L, 4000L);
    assertThat(slow.ready()).isFalse();
    assertThat(slow.lastResponse().status()).isEqualTo(504);
    assertThat(slow.lastResponse().contentType()).isEqualTo("text/plain");
    assertThat(slow.lastResponse().body()).startsWith("Marathon could not query " + url("/stuck") + ": ");

    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    String refused = "http://127.0.0.1:" + closedPort + "/";
    checks.start("refused", check("/", 5, 1, List.of(200), false), refused);
    assertThat(next()).isEqualTo(new ReadinessCheckResultView("refused", "ready-check", false, null));
  }

  @Test void closeStopsEveryCheckAndIgnoresLaterStarts() throws Exception {
    checks.start("a", check("/ok", 1, 1, List.of(500), false), url("/ok"));
    checks.start("b", check("/ok", 1, 1, List.of(500), false), url("/ok"));
    checks.start("a", check("/ok", 1, 1, List.of(500), false), url("/ok")); // already checked: no second check
    await().atMost(WAIT).until(() -> okHits.get() >= 4);
    assertThat(checks.active()).containsExactlyInAnyOrder("a", "b");
    checks.close();
    checks.start("c", check("/ok", 1, 1, List.of(200), false), url("/ok"));
    assertThat(checks.active()).isEmpty();
    int hits = okHits.get();
    await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5)).until(() -> okHits.get() == hits);
  }
}
