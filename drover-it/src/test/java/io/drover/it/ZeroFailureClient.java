package io.drover.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;

/**
 * A client behind a marathon-lb-like balancer: every 10 ms it sends {@code GET path} (HTTP/1.0, a fresh connection
 * each time) to the next of the {@link TaskWatcher}'s routable backends, round robin, and counts what answered
 * {@code 200} with the expected body per task, and every other outcome (error, timeout, wrong answer, no backend at
 * all) as a failed request.
 */
final class ZeroFailureClient implements AutoCloseable {
  private static final int PERIOD_MS = 10;
  private static final int TIMEOUT_MS = 2000;
  private static final int MAX_KEPT_FAILURES = 20;

  private final TaskWatcher watcher;
  private final String path;
  private final String expectedBody;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "zero-failure-client");
    t.setDaemon(true);
    return t;
  });
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicInteger succeeded = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final List<String> failures = new ArrayList<>(); // the first MAX_KEPT_FAILURES, guarded by itself
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

  /** Starts once the watcher knows at least one routable backend. */
  ZeroFailureClient(TaskWatcher watcher, String path, String expectedBody) {
    this.watcher = watcher;
    this.path = path;
    this.expectedBody = expectedBody;
    Awaitility.await("a routable backend").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
        .until(() -> !watcher.backends().isEmpty());
    timer.scheduleWithFixedDelay(this::requestOnce, 0, PERIOD_MS, TimeUnit.MILLISECONDS);
  }

  private void requestOnce() {
    List<TaskWatcher.Backend> backends = watcher.backends();
    if (backends.isEmpty()) {
      fail("no routable backend");
      return;
    }
    TaskWatcher.Backend b = backends.get(Math.floorMod(next.getAndIncrement(), backends.size()));
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(b.host(), b.port()), TIMEOUT_MS);
      s.setSoTimeout(TIMEOUT_MS);
      OutputStream out = s.getOutputStream();
      out.write(("GET " + path + " HTTP/1.0\r\nHost: " + b.host() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int headerEnd = response.indexOf("\r\n\r\n");
      if (response.startsWith("HTTP/1.") && response.split(" ", 3)[1].equals("200") && headerEnd >= 0
          && response.substring(headerEnd + 4).equals(expectedBody)) {
        succeeded.incrementAndGet();
        hits.computeIfAbsent(b.taskId(), k -> new AtomicInteger()).incrementAndGet();
      } else {
        fail(b + " answered " + response.lines().findFirst().orElse("nothing"));
      }
    } catch (IOException | RuntimeException e) {
      fail(b + ": " + e);
    }
  }

  private void fail(String what) {
    failed.incrementAndGet();
    synchronized (failures) {
      if (failures.size() < MAX_KEPT_FAILURES) failures.add(what);
    }
  }

  int succeeded() { return succeeded.get(); }

  int failed() { return failed.get(); }

  /** The first failed requests, described. */
  List<String> failures() {
    synchronized (failures) {
      return List.copyOf(failures);
    }
  }

  /** Successful requests per task id. */
  Map<String, Integer> hits() {
    Map<String, Integer> out = new HashMap<>();
    hits.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  @Override public void close() throws InterruptedException {
    timer.shutdownNow();
    if (!timer.awaitTermination(10, TimeUnit.SECONDS)) throw new IllegalStateException("client did not stop");
  }
}
