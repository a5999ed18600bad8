package io.drover.agent.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.agent.containerizer.ProcessContainerizer.CgroupMode;
import io.drover.master.api.agent.AgentCall;
import io.drover.master.api.agent.AgentEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The task engine with the real process containerizer: update sequences, acks, kills, health. */
final class TaskEngineTest {
  private static final String FID = "fw-0000";
  @TempDir Path workDir;
  private EngineHarness h;

  @BeforeEach
  void setUp() {
    h = new EngineHarness(workDir, false, CgroupMode.OFF);
    h.engine.registered("agent-S1");
  }

  @AfterEach
  void tearDown() {
    for (AgentCall.RunningTask t : h.engine.runningTasks()) {
      if (!t.state().equals("TASK_FINISHED") && !t.state().equals("TASK_FAILED") && !t.state().equals("TASK_KILLED")) {
        h.engine.kill(new AgentEvent.Kill(t.frameworkId(), t.taskId(), 1));
      }
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> h.engine.runningTasks().stream()
        .allMatch(t -> List.of("TASK_FINISHED", "TASK_FAILED", "TASK_KILLED", "TASK_ERROR").contains(t.state())));
    h.close();
  }

  private static String task(String id, String cmd, String extra) {
    return "{\"name\":\"" + id + "\",\"task_id\":{\"value\":\"" + id + "\"},\"agent_id\":{\"value\":\"agent-S1\"},"
        + "\"resources\":[{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":0.1}},"
        + "{\"name\":\"mem\",\"type\":\"SCALAR\",\"scalar\":{\"value\":32}}],"
        + "\"command\":{\"value\":\"" + cmd + "\"}" + extra + "}";
  }

  @Test
  void echoTaskRunsToFinishedWithOneUpdateInFlightAndMovesToCompletedOnAck() throws Exception {
    h.launch(FID, EngineHarness.framework(FID, false), task("echo", "echo hello-$MESOS_TASK_ID", ""));
    await().until(() -> h.updatesOf("echo").size() == 1);
    AgentCall.Update starting = h.updatesOf("echo").get(0);
    assertThat(starting.state()).isEqualTo("TASK_STARTING");
    assertThat(starting.source()).isEqualTo("SOURCE_EXECUTOR");
    assertThat(starting.agentId()).isEqualTo("agent-S1");
    assertThat(starting.latestState()).isPresent();
    // Only the head is in flight: nothing else is sent before the ack.
    await().during(Duration.ofMillis(300)).until(() -> h.updatesOf("echo").size() == 1);
    h.ackUntil("echo", 3);
    assertThat(h.statesOf("echo")).containsExactly("TASK_STARTING", "TASK_RUNNING", "TASK_FINISHED");
    await().until(() -> h.engine.view().frameworks().get(0).completedTasks().size() == 1);
    AgentTasksView.Task done = h.engine.view().frameworks().get(0).completedTasks().get(0);
    assertThat(done.state()).isEqualTo("TASK_FINISHED");
    assertThat(done.statuses()).hasSize(3);
    assertThat(Files.readString(done.sandbox().resolve("stdout"))).contains("hello-echo");
    assertThat(done.sandbox().toString()).contains("/slaves/agent-S1/frameworks/" + FID + "/executors/echo/runs/");
    assertThat(h.engine.runningTasks()).isEmpty();
  }

  @Test
  void nonZeroExitIsFailedWithMessage() {
    h.launch(FID, EngineHarness.framework(FID, false), task("fail", "exit 3", ""));
    h.ackUntil("fail", 3);
    AgentCall.Update last = h.updatesOf("fail").get(2);
    assertThat(last.state()).isEqualTo("TASK_FAILED");
    assertThat(last.reason()).contains("REASON_COMMAND_EXECUTOR_FAILED");
    assertThat(last.message()).hasValueSatisfying(m -> assertThat(m).contains("status 3"));
  }

  @Test
  void unsentHeadIsRetriedAfterMasterChange() {
    h.launch(FID, EngineHarness.framework(FID, false), task("retry", "sleep 30", ""));
    await().until(() -> h.sent.stream().filter(u -> u.taskId().equals("retry")).count() == 1);
    h.engine.masterChanged();
    await().until(() -> h.sent.stream().filter(u -> u.taskId().equals("retry")).count() == 2);
    assertThat(h.sent.get(0).uuid()).isEqualTo(h.sent.get(1).uuid());
  }

  @Test
  void killWithTaskKillingCapabilitySendsKillingThenKilled() {
    h.launch(FID, EngineHarness.framework(FID, false, "TASK_KILLING_STATE"), task("k", "sleep 60", ""));
    h.ackUntil("k", 2);
    h.engine.kill(new AgentEvent.Kill(FID, "k", 2000));
    h.ackUntil("k", 4);
    assertThat(h.statesOf("k")).containsExactly("TASK_STARTING", "TASK_RUNNING", "TASK_KILLING", "TASK_KILLED");
  }

  @Test
  void killGraceLetsATermTrappingTaskEndBeforeSigkill() throws Exception {
    h.launch(FID, EngineHarness.framework(FID, false),
        task("trap", "trap 'echo got-term; exit 0' TERM; while true; do sleep 0.1; done", ""));
    h.ackUntil("trap", 2);
    h.engine.kill(new AgentEvent.Kill(FID, "trap", 5000));
    h.ackUntil("trap", 3);
    assertThat(h.statesOf("trap")).containsExactly("TASK_STARTING", "TASK_RUNNING", "TASK_KILLED");
    Path sandbox = h.engine.view().frameworks().get(0).completedTasks().get(0).sandbox();
    assertThat(Files.readString(sandbox.resolve("stdout"))).contains("got-term");
  }

  @Test
  void killOfUnknownTaskIsLost() {
    h.engine.kill(new AgentEvent.Kill("other-fw", "nope", 0));
    await().until(() -> h.updatesOf("nope").size() == 1);
    AgentCall.Update u = h.updatesOf("nope").get(0);
    assertThat(u.state()).isEqualTo("TASK_LOST");
    assertThat(u.source()).isEqualTo("SOURCE_AGENT");
    assertThat(u.reason()).contains("REASON_EXECUTOR_TERMINATED");
  }

  @Test
  void unmappableTaskIsErrorNotException() {
    h.launch(FID, EngineHarness.framework(FID, false),
        "{\"name\":\"bad\",\"task_id\":{\"value\":\"bad\"},\"agent_id\":{\"value\":\"agent-S1\"},\"resources\":[]}");
    await().until(() -> h.updatesOf("bad").size() == 1);
    AgentCall.Update u = h.updatesOf("bad").get(0);
    assertThat(u.state()).isEqualTo("TASK_ERROR");
    assertThat(u.reason()).contains("REASON_TASK_INVALID");
    assertThat(u.message()).hasValueSatisfying(m -> assertThat(m).contains("command"));
  }

  @Test
  void healthCheckFlipsHealthyToUnhealthyAndKillsAfterConsecutiveFailures() throws Exception {
    Path flag = workDir.resolve("healthy-flag");
    Files.writeString(flag, "ok");
    String health = ",\"health_check\":{\"type\":\"COMMAND\",\"command\":{\"value\":\"test -f " + flag + "\"},"
        + "\"delay_seconds\":0,\"interval_seconds\":0.2,\"timeout_seconds\":5,\"consecutive_failures\":2,"
        + "\"grace_period_seconds\":0}";
    h.launch(FID, EngineHarness.framework(FID, false), task("hc", "sleep 60", health));
    h.ackUntil("hc", 3);
    AgentCall.Update healthy = h.updatesOf("hc").get(2);
    assertThat(healthy.state()).isEqualTo("TASK_RUNNING");
    assertThat(healthy.healthy()).contains(true);
    assertThat(healthy.reason()).contains("REASON_TASK_HEALTH_CHECK_STATUS_UPDATED");
    Files.delete(flag);
    h.ackUntil("hc", 5);
    List<AgentCall.Update> all = h.updatesOf("hc");
    assertThat(all.get(3).state()).isEqualTo("TASK_RUNNING");
    assertThat(all.get(3).healthy()).contains(false);
    assertThat(all.get(4).state()).isEqualTo("TASK_KILLED");
    assertThat(all.get(4).healthy()).contains(false);
    assertThat(all).hasSize(5); // one update per change, not per failure
  }
}
