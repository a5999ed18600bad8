package io.drover.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.agent.containerizer.DockerContainerizer;
import io.drover.common.mesos.TaskState;
import io.drover.common.mesos.TaskStatusSource;
import io.drover.common.testing.Requirements;
import io.drover.common.testing.TestImages;
import io.drover.master.api.v1.TaskID;
import io.drover.master.api.v1.TaskStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent killed with SIGKILL and restarted on the same work dir: the running tasks of a checkpointing framework,
 * process and Docker, keep running, are reattached and still controllable, and no update is lost or duplicated.
 */
final class AgentRestartIT {
  private static final String FRAMEWORK = """
      {"user":"root","name":"restart-it","checkpoint":true,"failover_timeout":3600,"roles":["*"],
       "capabilities":[{"type":"MULTI_ROLE"},{"type":"PARTITION_AWARE"}]}""";

  @TempDir Path dir;

  @Test void processTaskSurvivesAgentKill9() throws Exception {
    Path pidFile = dir.resolve("task.pid");
    String task = """
        {"name":"sleeper","task_id":{"value":"sleeper"},"agent_id":{"value":"AGENT"},
         "resources":[%s],
         "command":{"shell":true,"value":"echo $$ > %s; exec sleep 600"}}""".formatted(resources("ROLE"), pidFile);
    runRestartScenario("process", task, "sleeper", () -> Long.parseLong(Files.readString(pidFile).trim()));
  }

  @Test void dockerTaskSurvivesAgentKill9() throws Exception {
    Optional<String> noDocker = DockerContainerizer.unavailableReason(DockerContainerizer.DEFAULT_HOST);
    Requirements.require(noDocker.isEmpty(), noDocker.orElse(""));
    String image = TestImages.busybox();
    String task = """
        {"name":"boxed","task_id":{"value":"boxed"},"agent_id":{"value":"AGENT"},
         "resources":[%s],
         "command":{"shell":true,"value":"exec sleep 600"},
         "container":{"type":"DOCKER","docker":{"image":"%s","network":"HOST"}}}""".formatted(resources("ROLE"), image);
    runRestartScenario("docker,process", task, "boxed", () -> dockerPid("boxed"));
  }

  private void runRestartScenario(String containerizers, String taskJson, String taskId, PidProbe pid)
      throws Exception {
    try (Cluster cluster = new Cluster(dir)) {
      cluster.startCoord();
      cluster.startMaster();
      int agentPort = RoleProcess.freePort();
      Path workDir = dir.resolve("agent-work");
      Cluster.Agent agent = cluster.startAgent(workDir, agentPort, containerizers);
      try (TestFramework fw = new TestFramework(cluster.zk(), FRAMEWORK)) {
        fw.launch(TestFramework.task(taskJson));
        fw.awaitState(taskId, TaskState.TASK_RUNNING, Duration.ofSeconds(60));
        long taskPid = Awaitility.await("task pid known").atMost(Duration.ofSeconds(20))
            .ignoreExceptions().until(pid::get, p -> p > 0);

        agent.process().kill();
        assertThat(Requirements.isRunning(taskPid)).as("task outlives its agent").isTrue();

        Cluster.Agent restarted = cluster.startAgent(workDir, agentPort, containerizers);
        Awaitility.await("restarted agent reports the task running").atMost(Duration.ofSeconds(60))
            .ignoreExceptions()
            .until(() -> Cluster.get(restarted.url() + "/state").contains("\"" + taskId + "\""));
        assertThat(pid.get()).as("the same process, not a relaunch").isEqualTo(taskPid);

        // Still controllable through the restarted agent: a kill ends it, once.
        fw.client().kill(new TaskID(taskId), null, null).get();
        fw.awaitState(taskId, TaskState.TASK_KILLED, Duration.ofSeconds(60));
        Awaitility.await("task process gone").atMost(Duration.ofSeconds(30))
            .until(() -> !Requirements.isRunning(taskPid));

        List<TaskStatus> fromAgent = fw.updates(taskId).stream()
            .filter(s -> s.source() != TaskStatusSource.SOURCE_MASTER).toList();
        assertThat(fromAgent).extracting(TaskStatus::state).as("no update lost or duplicated")
            .containsSubsequence(TaskState.TASK_RUNNING, TaskState.TASK_KILLED)
            .filteredOn(s -> s == TaskState.TASK_RUNNING || s == TaskState.TASK_KILLED)
            .containsExactly(TaskState.TASK_RUNNING, TaskState.TASK_KILLED);
        assertThat(fw.updates(taskId)).extracting(TaskStatus::state).as("never lost on the way")
            .doesNotContain(TaskState.TASK_LOST, TaskState.TASK_FAILED, TaskState.TASK_UNREACHABLE);
      }
    }
  }

  static String resources(String role) {
    return """
        {"name":"cpus","type":"SCALAR","scalar":{"value":0.1},"allocation_info":{"role":"%1$s"}},
        {"name":"mem","type":"SCALAR","scalar":{"value":32},"allocation_info":{"role":"%1$s"}}""".formatted(role);
  }

  /** The host pid of the task's container ({@code drover-<containerId>}), found by the task id label or env. */
  private static long dockerPid(String taskId) throws Exception {
    Process p = new ProcessBuilder("/bin/sh", "-c",
        "for c in $(docker ps -q --filter name=drover-); do "
            + "docker inspect -f '{{range .Config.Env}}{{println .}}{{end}}' $c | grep -qx 'MESOS_TASK_ID=" + taskId + "'"
            + " && docker inspect -f '{{.State.Pid}}' $c; done").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    p.waitFor();
    return Long.parseLong(out.lines().findFirst().orElse("0").trim());
  }

  @FunctionalInterface
  interface PidProbe {
    long get() throws Exception;
  }
}
