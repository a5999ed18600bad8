package io.drover.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.common.testing.Requirements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The apps framework on the process containerizer, every role its own OS process: an app of busybox httpd processes
 * on dynamic host ports ({@code portDefinitions} port 0, {@code $PORT0}) with a MESOS_HTTP health check answers on
 * every instance, scales from 3 to 5, restarts rolling while a client routed by the task list sees no failed request,
 * replaces a task whose httpd is killed behind its back, and leaves no process once deleted.
 */
final class AppsProcessIT {
  @TempDir Path dir;

  @Test void busyboxHttpdAppScalesRestartsHealsAndIsDeleted() throws Exception {
    Optional<Path> busybox = TaskProcesses.busybox();
    Requirements.require(busybox.isPresent(), "busybox is not installed (CI installs busybox-static)");
    Path www = dir.resolve("www").toAbsolutePath();
    Files.createDirectories(www);
    Files.writeString(www.resolve("index.html"), "ok\n");
    String marker = www.toString(); // on the command line of every task's shell and httpd
    try (Cluster cluster = new Cluster(dir)) {
      cluster.startCoord();
      cluster.startMaster();
      cluster.startAgent(dir.resolve("agent"), RoleProcess.freePort(), "process");
      AppsApi api = new AppsApi(cluster.startApps().url());

      String cmd = RollingRestartCheck.draining(busybox.get() + " httpd -f -p $PORT0 -h " + www);
      String app = """
          {"id":"/web","instances":3,"cpus":0.1,"mem":32,"portDefinitions":[{"port":0}],
           "cmd":%s, "taskKillGracePeriodSeconds":10,
           "healthChecks":[{"protocol":"MESOS_HTTP","path":"/index.html","portIndex":0,"gracePeriodSeconds":5,
                            "intervalSeconds":1,"timeoutSeconds":2,"maxConsecutiveFailures":3,"delaySeconds":1}]}"""
          .formatted(AppsApi.JSON.writeValueAsString(cmd));
      api.call("POST", "/v2/apps", app, 201);
      api.awaitSettled("web", 3);
      for (int port : api.hostPorts("web")) {
        assertThat(Cluster.get("http://127.0.0.1:" + port + "/index.html")).isEqualTo("ok\n");
      }
      assertThat(TaskProcesses.httpds(marker)).as("one httpd per task").hasSize(3);

      api.call("PUT", "/v2/apps/web", "{\"instances\":5}", 200);
      api.awaitSettled("web", 5);

      RollingRestartCheck.restartWithoutFailedRequests(api, "web", 5, "/index.html", "ok\n");
      Awaitility.await("the old tasks' processes are gone").atMost(AppsApi.WAIT).pollInterval(Duration.ofMillis(300))
          .until(() -> TaskProcesses.httpds(marker).size() == 5);

      String victim = api.tasks("web").getFirst().path("id").asText();
      long pid = TaskProcesses.httpdOf(marker, victim)
          .orElseThrow(() -> new AssertionError("no httpd process of task " + victim));
      assertThat(ProcessHandle.of(pid).orElseThrow().destroyForcibly()).isTrue();
      Awaitility.await("the task whose httpd was killed is replaced").atMost(AppsApi.WAIT)
          .pollInterval(Duration.ofMillis(500)).ignoreExceptionsMatching(e -> e instanceof IOException)
          .until(() -> api.tasks("web").stream().noneMatch(t -> t.path("id").asText().equals(victim))
              && api.app("web").path("tasksHealthy").asInt() == 5 && api.app("web").has("lastTaskFailure"));
      assertThat(api.app("web").path("lastTaskFailure").path("taskId").asText()).isEqualTo(victim);

      api.call("DELETE", "/v2/apps/web", null, 200);
      Awaitility.await("no task process left").atMost(AppsApi.WAIT).pollInterval(Duration.ofMillis(500))
          .until(() -> TaskProcesses.withMarker(marker).isEmpty());
      assertThat(api.get("/v2/apps").path("apps")).isEmpty();
    }
  }
}
