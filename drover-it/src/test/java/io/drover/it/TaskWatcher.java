package io.drover.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;

/**
 * Polls {@code GET /v2/apps/{id}/tasks} every 200 ms, as marathon-lb refreshes its backends, and remembers every task
 * it ever saw: its version, the states it was seen in, whether it was ever routable ({@link AppsApi#routable}).
 * A failed poll keeps the previous backends (a load balancer keeps its last configuration too).
 */
final class TaskWatcher implements AutoCloseable {
  static final long POLL_MS = 200;

  /** A routable task: where to send requests. */
  record Backend(String taskId, String host, int port) {}

  private final AppsApi api;
  private final String appId;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "task-watcher");
    t.setDaemon(true);
    return t;
  });
  private final AtomicReference<List<Backend>> backends = new AtomicReference<>(List.of());
  private final AtomicReference<Set<String>> current = new AtomicReference<>(Set.of());
  private final Map<String, String> versions = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> states = new ConcurrentHashMap<>();
  private final Set<String> everRoutable = ConcurrentHashMap.newKeySet();
  private final Set<String> lostRoutable = ConcurrentHashMap.newKeySet();
  private final AtomicInteger polls = new AtomicInteger();
  private final AtomicInteger failedPolls = new AtomicInteger();

  TaskWatcher(AppsApi api, String appId) {
    this.api = api;
    this.appId = appId;
    timer.scheduleWithFixedDelay(this::poll, 0, POLL_MS, TimeUnit.MILLISECONDS);
  }

  private void poll() {
    try {
      List<JsonNode> tasks = api.tasks(appId);
      for (JsonNode t : tasks) {
        String id = t.path("id").asText();
        versions.putIfAbsent(id, t.path("version").asText());
        states.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(t.path("state").asText());
        if (AppsApi.routable(t)) everRoutable.add(id);
        else if (everRoutable.contains(id)) lostRoutable.add(id);
      }
      current.set(tasks.stream().map(t -> t.path("id").asText()).collect(Collectors.toSet()));
      backends.set(tasks.stream().filter(AppsApi::routable)
          .map(t -> new Backend(t.path("id").asText(), t.path("host").asText(), t.path("ports").get(0).asInt()))
          .toList());
      polls.incrementAndGet();
    } catch (IOException | RuntimeException e) {
      failedPolls.incrementAndGet(); // the apps service is failing over, or briefly busy: keep the last view
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The routable tasks of the last successful poll. */
  List<Backend> backends() { return backends.get(); }

  /** The task ids of the last successful poll. */
  Set<String> current() { return current.get(); }

  /** Every task id ever seen, with the app version it runs. */
  Map<String, String> versions() { return Map.copyOf(versions); }

  /** The states a task was seen in. */
  Set<String> states(String taskId) { return Set.copyOf(states.getOrDefault(taskId, Set.of())); }

  /** Whether the task was ever seen running with every health check alive. */
  boolean everRoutable(String taskId) { return everRoutable.contains(taskId); }

  /** The tasks seen routable once and listed as not routable later (killing, or no longer healthy). */
  Set<String> lostRoutable() { return Set.copyOf(lostRoutable); }

  int failedPolls() { return failedPolls.get(); }

  /** Waits until a poll that started after this call succeeded, so the view is at least that fresh. */
  void awaitFreshPoll() {
    int after = polls.get() + 1;
    Awaitility.await("a fresh poll of " + appId + "'s tasks").atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50)).until(() -> polls.get() > after);
  }

  @Override public void close() throws InterruptedException {
    timer.shutdownNow();
    if (!timer.awaitTermination(10, TimeUnit.SECONDS)) throw new IllegalStateException("task watcher did not stop");
  }
}
