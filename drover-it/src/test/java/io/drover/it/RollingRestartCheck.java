package io.drover.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rolling restart of the end-to-end app tests: a client keeps requesting through the task list, as marathon-lb
 * routes, for the whole restart, and no request may fail. That needs the app to drain as real services do: on SIGTERM
 * it keeps serving for {@link #DRAIN_S} seconds (the apps framework marks the task TASK_KILLING at once, so balancers
 * stop routing to it), then stops.
 */
final class RollingRestartCheck {
  private static final Logger LOG = LoggerFactory.getLogger(RollingRestartCheck.class);
  static final int DRAIN_S = 3;

  private RollingRestartCheck() {}

  /**
   * A shell command running {@code server} (in the foreground of its own, e.g. {@code httpd -f ...}) that drains on
   * SIGTERM. The server starts with SIGTERM ignored, so it survives the SIGTERM the process containerizer sends to the
   * whole process group; the shell traps SIGTERM (also as PID 1 in Docker, where only it receives docker stop's
   * signal), serves on for {@link #DRAIN_S} seconds, then SIGKILLs the server. A server that dies by itself ends the
   * shell, and with it the task.
   */
  static String draining(String server) {
    return "trap '' TERM; " + server + " & pid=$!; trap 'sleep " + DRAIN_S + "; kill -9 $pid' TERM; wait $pid";
  }

  /**
   * Restarts the settled app of {@code instances} healthy tasks while a {@link ZeroFailureClient} requests
   * {@code path}; checks that every request succeeded, that they reached old and new tasks, that a killed task was
   * listed as TASK_KILLING before it went, and that the healthy count never dropped (minimumHealthCapacity 1).
   */
  static void restartWithoutFailedRequests(AppsApi api, String appId, int instances, String path, String body)
      throws IOException, InterruptedException {
    Set<String> before = api.tasks(appId).stream().map(t -> t.path("id").asText()).collect(Collectors.toSet());
    assertThat(before).hasSize(instances);
    Set<String> after;
    AtomicInteger minHealthy = new AtomicInteger(Integer.MAX_VALUE);
    try (TaskWatcher watcher = new TaskWatcher(api, appId)) {
      try (ZeroFailureClient client = new ZeroFailureClient(watcher, path, body)) {
        api.call("POST", "/v2/apps/" + appId + "/restart", "", 200);
        Awaitility.await("rolling restart done").atMost(AppsApi.WAIT).pollInterval(Duration.ofMillis(300))
            .ignoreExceptionsMatching(e -> e instanceof IOException).until(() -> {
              JsonNode a = api.app(appId);
              minHealthy.accumulateAndGet(a.path("tasksHealthy").asInt(), Math::min);
              return a.path("deployments").isEmpty() && a.path("tasksHealthy").asInt() == instances
                  && a.path("tasks").findValuesAsText("id").stream().noneMatch(before::contains);
            });
        watcher.awaitFreshPoll(); // the client now routes to the new tasks only
        watcher.awaitFreshPoll();
        client.close();
        assertThat(client.failures()).as("failed requests (%d in all)", client.failed()).isEmpty();
        assertThat(client.failed()).isZero();
        assertThat(client.succeeded()).as("successful requests").isGreaterThan(100);
        after = api.tasks(appId).stream().map(t -> t.path("id").asText()).collect(Collectors.toSet());
        Map<String, Integer> hits = client.hits();
        LOG.info("rolling restart of {}: {} requests succeeded, {} failed, per task {}", appId, client.succeeded(),
            client.failed(), hits);
        assertThat(hits.keySet()).as("requests reached old tasks").containsAnyElementsOf(before);
        assertThat(hits.keySet()).as("requests reached new tasks").containsAnyElementsOf(after);
      }
      List<String> seenKilling = before.stream().filter(id -> watcher.states(id).contains("TASK_KILLING")).toList();
      assertThat(seenKilling).as("every old task listed as TASK_KILLING while it drained")
          .containsExactlyInAnyOrderElementsOf(before);
    }
    assertThat(minHealthy.get()).as("minimumHealthCapacity 1 keeps all healthy during the restart")
        .isEqualTo(instances);
    Set<String> overlap = new HashSet<>(before);
    overlap.retainAll(after);
    assertThat(overlap).as("every task was replaced").isEmpty();
  }
}
