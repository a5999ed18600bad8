package io.drover.agent.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.agent.containerizer.ProcStat;
import io.drover.agent.containerizer.ProcessContainerizer.CgroupMode;
import io.drover.master.api.agent.AgentCall;
import io.drover.master.api.agent.AgentEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Agent restart (close, and kill -9 simulated by abandoning the engine) with running process tasks. */
final class TaskEngineRecoveryTest {
  private static final String FID = "fw-ckpt";
  @TempDir Path workDir;
  private final List<EngineHarness> harnesses = new ArrayList<>();

  @AfterEach
  void tearDown() {
    EngineHarness last = harnesses.get(harnesses.size() - 1);
    for (AgentCall.RunningTask t : last.engine.runningTasks()) {
      last.engine.kill(new AgentEvent.Kill(t.frameworkId(), t.taskId(), 1));
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> last.engine.view().frameworks().stream()
        .flatMap(f -> f.tasks().stream()).allMatch(t -> !t.state().equals("TASK_RUNNING")));
    harnesses.forEach(h -> {
      try {
        h.close();
      } catch (IllegalStateException e) {
        // the crashed engine is already stopped
      }
    });
  }

  private EngineHarness start() {
    EngineHarness h = new EngineHarness(workDir, false, CgroupMode.OFF);
    harnesses.add(h);
    return h;
  }

  private static String task(String id, String cmd) {
    return "{\"name\":\"" + id + "\",\"task_id\":{\"value\":\"" + id + "\"},\"agent_id\":{\"value\":\"agent-S1\"},"
        + "\"resources\":[{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":0.1}}],"
        + "\"command\":{\"value\":\"" + cmd + "\"}}";
  }

  private static long pidOf(EngineHarness h, String taskId) {
    return h.engine.view().frameworks().stream().flatMap(f -> f.tasks().stream())
        .filter(t -> t.taskId().equals(taskId)).flatMap(t -> t.statuses().stream())
        .filter(s -> s.has("container_status") && s.get("container_status").has("executor_pid"))
        .mapToLong(s -> s.get("container_status").get("executor_pid").asLong()).findFirst().orElseThrow();
  }

  @Test
  void processTaskSurvivesCloseAndRestartAndItsExitIsReportedOnce() throws Exception {
    runRestartScenario(false);
  }

  @Test
  void processTaskSurvivesKill9AndRestartAndItsExitIsReportedOnce() throws Exception {
    runRestartScenario(true);
  }

  private void runRestartScenario(boolean crash) throws Exception {
    Path release = workDir.resolve("release");
    EngineHarness first = start();
    first.engine.registered("agent-S1");
    first.launch(FID, EngineHarness.framework(FID, true),
        task("long", "while [ ! -f " + release + " ]; do sleep 0.1; done; exit 7"));
    first.launch("fw-nockpt", EngineHarness.framework("fw-nockpt", false), task("volatile", "sleep 60"));
    first.ackUntil("long", 2);
    first.ackUntil("volatile", 2);
    long pid = pidOf(first, "long");
    long volatilePid = pidOf(first, "volatile");
    String containerId = first.engine.view().frameworks().get(0).tasks().get(0).containerId();
    if (crash) {
      first.engine.crashForTest();
    } else {
      first.close();
    }
    assertThat(ProcStat.startTime(pid)).isPresent();

    EngineHarness second = start();
    assertThat(second.engine.recoveredAgentId()).contains("agent-S1");
    second.engine.registered("agent-S1");
    // Reattached, not relaunched: same container, same pid, still running, no new update.
    List<AgentCall.RunningTask> running = second.engine.runningTasks();
    assertThat(running).extracting(AgentCall.RunningTask::taskId).containsExactly("long");
    assertThat(running.get(0).state()).isEqualTo("TASK_RUNNING");
    assertThat(second.engine.view().frameworks().get(0).tasks().get(0).containerId()).isEqualTo(containerId);
    assertThat(second.sent).isEmpty();
    // The task of the non-checkpointing framework was killed.
    await().atMost(Duration.ofSeconds(10)).until(() -> ProcStat.startTime(volatilePid).isEmpty());

    Files.writeString(release, "go");
    await().atMost(Duration.ofSeconds(10)).until(() -> second.updatesOf("long").size() == 1);
    AgentCall.Update end = second.updatesOf("long").get(0);
    assertThat(end.state()).isEqualTo("TASK_FAILED");
    assertThat(end.reason()).contains("REASON_EXECUTOR_TERMINATED");
    assertThat(end.message()).hasValueSatisfying(m -> assertThat(m).contains("agent restarted"));
    second.ackUntil("long", 1);
    await().until(() -> second.engine.runningTasks().isEmpty());
    await().during(Duration.ofMillis(500)).until(() -> second.updatesOf("long").size() == 1);
    assertThat(first.updatesOf("long")).hasSize(2); // the old engine reported nothing after it stopped
    assertThat(workDir.resolve("meta/containers")).isEmptyDirectory();
  }

  @Test
  void unacknowledgedUpdateIsResentAfterRestartAndTaskThatEndedWhileDownIsReported() throws Exception {
    EngineHarness first = start();
    first.engine.registered("agent-S1");
    first.launch(FID, EngineHarness.framework(FID, true), task("gone", "sleep 60"));
    first.ackUntil("gone", 1); // TASK_RUNNING stays unacknowledged
    await().until(() -> first.updatesOf("gone").size() == 2);
    String runningUuid = first.updatesOf("gone").get(1).uuid();
    long pid = pidOf(first, "gone");
    first.engine.crashForTest();
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    await().until(() -> ProcStat.startTime(pid).isEmpty());

    EngineHarness second = start();
    // The checkpointed head goes out again, same uuid; the failure follows once it is acknowledged.
    await().until(() -> second.updatesOf("gone").size() == 1);
    assertThat(second.updatesOf("gone").get(0).uuid()).isEqualTo(runningUuid);
    assertThat(second.updatesOf("gone").get(0).latestState()).contains("TASK_FAILED");
    second.ackUntil("gone", 2);
    AgentCall.Update failed = second.updatesOf("gone").get(1);
    assertThat(failed.state()).isEqualTo("TASK_FAILED");
    assertThat(failed.message()).hasValueSatisfying(m -> assertThat(m).contains("ended while the agent was down"));
  }
}
