package io.drover.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.common.mesos.TaskState;
import io.drover.scheduler.client.SchedulerClient;
import io.drover.scheduler.client.example.SleepFramework;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drover up} as a user runs it (one process: coord, master, agent), and the example framework of
 * docs/example-framework.md run against it through ZooKeeper leader detection, as the doc says.
 */
final class UpIT {
  @TempDir Path dir;

  @Test void exampleFrameworkRunsItsTasksOnDroverUp() throws Exception {
    int coordPort = RoleProcess.freePort();
    int masterPort = RoleProcess.freePort();
    int agentPort = RoleProcess.freePort();
    try (RoleProcess up = RoleProcess.start("drover up", dir.resolve("up.log"),
        () -> Cluster.status(URI.create("http://127.0.0.1:" + agentPort + "/health")) == 200,
        "up", "--data-dir", dir.resolve("drover-data").toString(), "--coord-port", String.valueOf(coordPort),
        "--metrics-port", "0", "--master-port", String.valueOf(masterPort), "--agent-port", String.valueOf(agentPort),
        "--agent-resources", "cpus:2;mem:1024;disk:1000")) {
      SleepFramework framework = new SleepFramework(3, 1);
      SchedulerClient client = framework.connect("zk://127.0.0.1:" + coordPort + "/drover/master");
      try {
        Map<String, TaskState> states = framework.finished().get(90, TimeUnit.SECONDS);
        assertThat(states).hasSize(3).allSatisfy((task, state) -> assertThat(state).isEqualTo(TaskState.TASK_FINISHED));
      } finally {
        assertThat(client.teardownAndClose(Duration.ofSeconds(10))).as("teardown accepted").isTrue();
      }
      JsonNode summary = new ObjectMapper().readTree(Cluster.get("http://127.0.0.1:" + masterPort
          + "/master/state-summary"));
      assertThat(summary.path("slaves")).as("the agent of drover up").hasSize(1);
      Awaitility.await("the framework is removed after teardown").atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(new ObjectMapper().readTree(Cluster.get("http://127.0.0.1:" + masterPort
              + "/master/state-summary")).path("frameworks").findValuesAsText("name")).doesNotContain("sleep-framework"));
      assertThat(up.isAlive()).isTrue();
    }
  }
}
