package io.drover.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drover up} stopped with SIGTERM (Ctrl-C) stops cleanly and leaves an app's tasks running; started again on
 * the same data directory it resumes the app and adopts the very same tasks (same ids, same processes), launching
 * nothing new.
 */
final class UpRestartIT {
  @TempDir Path dir;

  @Test void stoppingAndStartingUpKeepsTheAppsTasks() throws Exception {
    int coordPort = RoleProcess.freePort();
    int masterPort = RoleProcess.freePort();
    int agentPort = RoleProcess.freePort();
    int appsPort = RoleProcess.freePort();
    AppsApi api = new AppsApi("http://127.0.0.1:" + appsPort);
    String[] args = {"up", "--data-dir", dir.resolve("drover-data").toString(), "--coord-port",
        String.valueOf(coordPort), "--metrics-port", "0", "--master-port", String.valueOf(masterPort),
        "--agent-port", String.valueOf(agentPort), "--apps-port", String.valueOf(appsPort),
        "--agent-resources", "cpus:2;mem:1024;disk:1000;ports:[31200-31299]"};
    List<String> tasks = new ArrayList<>();
    try {
      Map<String, List<Long>> processes = new HashMap<>();
      try (RoleProcess up = startUp(args, api, "up.log")) {
        api.call("POST", "/v2/apps", "{\"id\":\"/sleepy\",\"cmd\":\"sleep 3600\",\"cpus\":0.1,\"mem\":16,"
            + "\"instances\":2}", 201);
        awaitRunning(api, 2);
        api.tasks("sleepy").forEach(t -> tasks.add(t.path("id").asText()));
        for (String t : tasks) processes.put(t, TaskProcesses.ofTask(t));
        assertThat(processes.values()).allSatisfy(p -> assertThat(p).isNotEmpty());

        up.signal("TERM");
        assertThat(up.awaitExit(Duration.ofSeconds(60))).as("drover up exits after SIGTERM").isIn(0, 143);
      }
      for (String t : tasks) {
        assertThat(TaskProcesses.ofTask(t)).as("task %s keeps running while drover up is down", t)
            .containsAll(processes.get(t));
      }

      try (RoleProcess up = startUp(args, api, "up-again.log")) {
        awaitRunning(api, 2);
        Awaitility.await("the same tasks are running again, nothing new launched").atMost(AppsApi.WAIT)
            .pollInterval(Duration.ofMillis(500)).ignoreExceptionsMatching(e -> e instanceof IOException)
            .until(() -> api.tasks("sleepy").stream().map(x -> x.path("id").asText()).sorted().toList()
                .equals(tasks.stream().sorted().toList()));
        for (JsonNode t : api.tasks("sleepy")) assertThat(t.path("state").asText()).isEqualTo("TASK_RUNNING");
        for (String t : tasks) assertThat(TaskProcesses.ofTask(t)).containsAll(processes.get(t));
        JsonNode state = AppsApi.JSON.readTree(Cluster.get("http://127.0.0.1:" + masterPort + "/master/state"));
        assertThat(state.path("frameworks")).as("the apps framework re-subscribed with its id").hasSize(1);

        api.call("DELETE", "/v2/apps/sleepy", null, 200);
        Awaitility.await("no task process left").atMost(AppsApi.WAIT).pollInterval(Duration.ofMillis(500))
            .until(() -> {
              for (String t : tasks) {
                if (!TaskProcesses.ofTask(t).isEmpty()) return false;
              }
              return true;
            });
        assertThat(up.isAlive()).isTrue();
      }
    } finally {
      for (String t : tasks) {
        for (long pid : TaskProcesses.ofTask(t)) ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
  }

  private RoleProcess startUp(String[] args, AppsApi api, String log) throws IOException {
    return RoleProcess.start("drover up", dir.resolve(log),
        () -> Cluster.status(URI.create(api.base() + "/v2/apps")) == 200, args);
  }

  private static void awaitRunning(AppsApi api, int n) {
    Awaitility.await(n + " running tasks, no deployment").atMost(AppsApi.WAIT).pollInterval(Duration.ofMillis(300))
        .ignoreExceptionsMatching(e -> e instanceof IOException).until(() -> {
          JsonNode a = api.app("sleepy");
          return a.path("tasksRunning").asInt() == n && a.path("deployments").isEmpty();
        });
  }
}
