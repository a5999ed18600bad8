package io.drover.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.common.mesos.TaskState;
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
 * An agent frozen with SIGSTOP misses its pings: the master marks it unreachable, sending TASK_UNREACHABLE to a
 * PARTITION_AWARE framework and TASK_LOST to a plain one. Thawed, the agent re-registers: the partition-aware task
 * keeps running (reconciliation reports it RUNNING again), the plain framework's task is killed (it was already
 * reported lost), as in Mesos.
 */
final class UnreachableAgentIT {
  private static final String AWARE = """
      {"user":"root","name":"aware","checkpoint":true,"failover_timeout":3600,"roles":["*"],
       "capabilities":[{"type":"MULTI_ROLE"},{"type":"PARTITION_AWARE"}]}""";
  private static final String PLAIN = """
      {"user":"root","name":"plain","checkpoint":true,"failover_timeout":3600,"roles":["*"],
       "capabilities":[{"type":"MULTI_ROLE"}]}""";

  @TempDir Path dir;

  @Test void partitionedAgentsTasksAreReportedAndReconciled() throws Exception {
    try (Cluster cluster = new Cluster(dir)) {
      cluster.startCoord();
      cluster.startMaster("--agent-ping-timeout", "1s", "--max-agent-ping-timeouts", "2");
      Cluster.Agent agent = cluster.startAgent(dir.resolve("agent"), RoleProcess.freePort(), "process");

      try (TestFramework aware = new TestFramework(cluster.zk(), AWARE);
           TestFramework plain = new TestFramework(cluster.zk(), PLAIN)) {
        long awarePid = launchSleeper(aware, "aware-task");
        long plainPid = launchSleeper(plain, "plain-task");

        agent.process().signal("STOP");
        try {
          TaskStatus unreachable = aware.awaitState("aware-task", TaskState.TASK_UNREACHABLE, Duration.ofSeconds(60));
          assertThat(unreachable.unreachableTime()).as("unreachable_time is set").isNotNull();
          plain.awaitState("plain-task", TaskState.TASK_LOST, Duration.ofSeconds(60));
        } finally {
          agent.process().signal("CONT");
        }

        int before = aware.updates().size();
        Awaitility.await("reconciliation reports the returned task running").atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> {
              aware.client().reconcile(List.of(new Call.ReconcileTask(new TaskID("aware-task"), null)));
              return aware.updates().subList(before, aware.updates().size()).stream().anyMatch(s ->
                  s.taskId().value().equals("aware-task") && s.state() == TaskState.TASK_RUNNING);
            });
        assertThat(Requirements.isRunning(awarePid)).as("the partition-aware task kept running").isTrue();
        Awaitility.await("the lost plain task is killed on return").atMost(Duration.ofSeconds(60))
            .until(() -> !Requirements.isRunning(plainPid));
        assertThat(plain.updates("plain-task")).extracting(TaskStatus::state).as("lost stays lost")
            .endsWith(TaskState.TASK_LOST);
      }
    }
  }

  private long launchSleeper(TestFramework fw, String taskId) throws Exception {
    Path pidFile = dir.resolve(taskId + ".pid");
    fw.launch(TestFramework.task("""
        {"name":"%1$s","task_id":{"value":"%1$s"},"agent_id":{"value":"AGENT"},
         "resources":[%2$s],"command":{"shell":true,"value":"echo $$ > %3$s; exec sleep 600"}}"""
        .formatted(taskId, AgentRestartIT.resources("ROLE"), pidFile)));
    fw.awaitState(taskId, TaskState.TASK_RUNNING, Duration.ofSeconds(60));
    return Awaitility.await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
        .until(() -> Long.parseLong(Files.readString(pidFile).trim()), p -> p > 0);
  }
}
