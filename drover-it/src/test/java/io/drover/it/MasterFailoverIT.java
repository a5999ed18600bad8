package io.drover.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.common.mesos.TaskState;
import io.drover.common.mesos.TaskStatusReason;
import io.drover.common.mesos.TaskStatusSource;
import io.drover.common.testing.Requirements;
import io.drover.master.api.v1.Call;
import io.drover.master.api.v1.TaskID;
import io.drover.master.api.v1.TaskStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two masters on coord: the leader is killed with SIGKILL; the other takes over, the agent re-registers with it,
 * the framework re-subscribes with its framework id, and the running task is neither lost nor restarted.
 */
final class MasterFailoverIT {
  private static final String FRAMEWORK = """
      {"user":"root","name":"failover-it","checkpoint":true,"failover_timeout":3600,"roles":["*"],
       "capabilities":[{"type":"MULTI_ROLE"},{"type":"PARTITION_AWARE"}]}""";

  @TempDir Path dir;

  @Test void frameworkAndTaskSurviveLeaderKill9() throws Exception {
    Path pidFile = dir.resolve("task.pid");
    try (Cluster cluster = new Cluster(dir)) {
      cluster.startCoord();
      Cluster.Master first = cluster.startMaster();
      Awaitility.await("first master leads").atMost(Duration.ofSeconds(30))
          .until(() -> cluster.leaderPort(first).orElse(-1) == first.port());
      Cluster.Master second = cluster.startMaster();
      cluster.startAgent(dir.resolve("agent"), RoleProcess.freePort(), "process");

      try (TestFramework fw = new TestFramework(cluster.zk(), FRAMEWORK)) {
        String frameworkId = fw.frameworkId();
        fw.launch(TestFramework.task("""
            {"name":"sleeper","task_id":{"value":"sleeper"},"agent_id":{"value":"AGENT"},
             "resources":[%s],"command":{"shell":true,"value":"echo $$ > %s; exec sleep 600"}}"""
            .formatted(AgentRestartIT.resources("ROLE"), pidFile)));
        TaskStatus running = fw.awaitState("sleeper", TaskState.TASK_RUNNING, Duration.ofSeconds(60));
        long pid = Awaitility.await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
            .until(() -> Long.parseLong(Files.readString(pidFile).trim()), p -> p > 0);

        first.process().kill();
        Awaitility.await("second master leads").atMost(Duration.ofSeconds(60))
            .until(() -> cluster.leaderPort(second).orElse(-1) == second.port());
        Awaitility.await("framework re-subscribed to the new leader").atMost(Duration.ofSeconds(60))
            .until(() -> fw.subscribedIds().size() >= 2);
        assertThat(fw.subscribedIds()).as("the same framework id after failover").containsOnly(frameworkId);

        // The new leader learns the task from the agent's re-registration; until then it has no answer.
        int before = fw.updates().size();
        Awaitility.await("new leader reconciles the task as running").atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> {
              fw.client().reconcile(List.of(new Call.ReconcileTask(new TaskID("sleeper"), running.agentId())));
              return fw.updates().subList(before, fw.updates().size()).stream().anyMatch(s ->
                  s.taskId().value().equals("sleeper") && s.state() == TaskState.TASK_RUNNING
                      && s.reason() == TaskStatusReason.REASON_RECONCILIATION);
            });

        assertThat(Requirements.isRunning(pid)).as("the task process was never restarted").isTrue();
        assertThat(Files.readString(pidFile).trim()).isEqualTo(Long.toString(pid));
        assertThat(fw.updates("sleeper")).extracting(TaskStatus::state)
            .doesNotContain(TaskState.TASK_LOST, TaskState.TASK_FAILED, TaskState.TASK_KILLED,
                TaskState.TASK_UNREACHABLE, TaskState.TASK_GONE);
        assertThat(fw.updates("sleeper").stream().filter(s -> s.source() == TaskStatusSource.SOURCE_EXECUTOR
            && s.state() == TaskState.TASK_RUNNING)).as("launched once").hasSize(1);

        fw.client().kill(new TaskID("sleeper"), null, null).get();
        fw.awaitState("sleeper", TaskState.TASK_KILLED, Duration.ofSeconds(60));
        Awaitility.await("task process gone").atMost(Duration.ofSeconds(30)).until(() -> !Requirements.isRunning(pid));
      }
    }
  }
}
