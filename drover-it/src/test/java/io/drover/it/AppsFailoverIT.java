package io.drover.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.common.testing.Requirements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code drover apps} instances on the process containerizer: the leader is killed with SIGKILL in the middle of
 * a rolling restart; the standby takes over with the same framework id, the deployment finishes, and the only tasks
 * killed are the old ones the restart replaces (no healthy task is killed, none loses its health, because of the
 * failover).
 */
final class AppsFailoverIT {
  @TempDir Path dir;

  @Test void standbyTakesOverMidDeploymentWithoutKillingHealthyTasks() throws Exception {
    Optional<Path> busybox = TaskProcesses.busybox();
    Requirements.require(busybox.isPresent(), "busybox is not installed (CI installs busybox-static)");
    Path www = dir.resolve("www").toAbsolutePath();
    Files.createDirectories(www);
    Files.writeString(www.resolve("index.html"), "ok\n");
    try (Cluster cluster = new Cluster(dir)) {
      cluster.startCoord();
      Cluster.Master master = cluster.startMaster();
      cluster.startAgent(dir.resolve("agent"), RoleProcess.freePort(), "process");
      // A short session: the dead leader's latch node goes soon after the kill.
      Cluster.Apps first = cluster.startApps("--zk-session-timeout", "3s");
      AppsApi leaderApi = new AppsApi(first.url());
      Awaitility.await("the first apps instance leads").atMost(Duration.ofSeconds(30))
          .ignoreExceptionsMatching(e -> e instanceof IOException)
          .until(() -> leaderApi.leader().equals(first.hostPort()));
      Cluster.Apps second = cluster.startApps("--zk-session-timeout", "3s");
      AppsApi api = new AppsApi(second.url()); // the standby: proxies to the leader, then leads
      assertThat(api.leader()).as("the standby names the leader").isEqualTo(first.hostPort());
      String frameworkId = api.get("/v2/info").path("frameworkId").asText();
      assertThat(frameworkId).isNotEmpty();

      // Each instance turns healthy some 3 s after its launch; one extra instance at a time (floor(3 * 1.34) = 4).
      String cmd = "sleep 3; exec " + busybox.get() + " httpd -f -p $PORT0 -h " + www;
      String app = """
          {"id":"/web","instances":3,"cpus":0.1,"mem":32,"portDefinitions":[{"port":0}],"cmd":%s,
           "upgradeStrategy":{"minimumHealthCapacity":1,"maximumOverCapacity":0.34},
           "healthChecks":[{"protocol":"MESOS_HTTP","path":"/index.html","portIndex":0,"gracePeriodSeconds":15,
                            "intervalSeconds":1,"timeoutSeconds":1,"maxConsecutiveFailures":3,"delaySeconds":1}]}"""
          .formatted(AppsApi.JSON.writeValueAsString(cmd));
      api.call("POST", "/v2/apps", app, 201);
      api.awaitSettled("web", 3);
      Set<String> oldTasks = ids(api.tasks("web"));

      try (TaskWatcher watcher = new TaskWatcher(api, "web")) {
        watcher.awaitFreshPoll();
        String newVersion = api.call("POST", "/v2/apps/web/restart", "", 200).path("version").asText();
        assertThat(newVersion).isNotEmpty();
        Set<String> healthyNew = new HashSet<>();
        Awaitility.await("partial progress: a new task healthy, an old one running").atMost(AppsApi.WAIT)
            .pollInterval(Duration.ofMillis(100)).ignoreExceptionsMatching(e -> e instanceof IOException).until(() -> {
              JsonNode a = api.app("web");
              List<JsonNode> tasks = new ArrayList<>();
              a.path("tasks").forEach(tasks::add);
              healthyNew.clear();
              tasks.stream().filter(t -> t.path("version").asText().equals(newVersion) && AppsApi.routable(t))
                  .forEach(t -> healthyNew.add(t.path("id").asText()));
              boolean oldRunning = tasks.stream().anyMatch(t -> oldTasks.contains(t.path("id").asText())
                  && t.path("state").asText().equals("TASK_RUNNING"));
              return !healthyNew.isEmpty() && oldRunning && !a.path("deployments").isEmpty();
            });

        first.process().kill(); // SIGKILL, mid-deployment

        Awaitility.await("the standby leads").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
            .ignoreExceptionsMatching(e -> e instanceof IOException)
            .until(() -> api.leader().equals(second.hostPort()));
        Awaitility.await("the deployment finishes under the new leader").atMost(AppsApi.WAIT)
            .pollInterval(Duration.ofMillis(300)).ignoreExceptionsMatching(e -> e instanceof IOException).until(() -> {
              JsonNode a = api.app("web");
              return a.path("deployments").isEmpty() && a.path("tasksHealthy").asInt() == 3
                  && a.path("tasksRunning").asInt() == 3
                  && a.path("tasks").findValuesAsText("version").stream().allMatch(newVersion::equals);
            });
        watcher.awaitFreshPoll();

        Set<String> finalTasks = ids(api.tasks("web"));
        assertThat(finalTasks).as("the new tasks healthy before the failover still run")
            .containsAll(healthyNew);
        Map<String, String> seen = watcher.versions();
        Set<String> gone = new HashSet<>(seen.keySet());
        gone.removeAll(finalTasks);
        assertThat(gone).as("the tasks that went are exactly the old ones").isEqualTo(oldTasks);
        assertThat(seen).as("every other task runs the new version").allSatisfy((id, version) ->
            assertThat(oldTasks.contains(id) || version.equals(newVersion)).isTrue());
        assertThat(watcher.lostRoutable()).as("only old tasks stopped being routable").isSubsetOf(oldTasks);
      }

      assertThat(api.get("/v2/info").path("frameworkId").asText()).as("the same framework id").isEqualTo(frameworkId);
      List<JsonNode> frameworks = new ArrayList<>();
      AppsApi.JSON.readTree(Cluster.get(master.url() + "/master/state")).path("frameworks").forEach(frameworks::add);
      assertThat(frameworks).as("one framework on the master").hasSize(1).first().satisfies(f -> {
        assertThat(f.path("id").asText()).isEqualTo(frameworkId);
        assertThat(f.path("name").asText()).isEqualTo("marathon");
        assertThat(f.path("active").asBoolean()).isTrue();
      });
      api.call("DELETE", "/v2/apps/web", null, 200);
      Awaitility.await("no task process left").atMost(AppsApi.WAIT).pollInterval(Duration.ofMillis(500))
          .until(() -> TaskProcesses.withMarker(www.toString()).isEmpty());
    }
  }

  private static Set<String> ids(List<JsonNode> tasks) {
    return tasks.stream().map(t -> t.path("id").asText()).collect(Collectors.toSet());
  }
}
