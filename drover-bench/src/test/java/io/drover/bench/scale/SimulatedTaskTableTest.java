package io.drover.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.agent.status.StatusUpdateStream;
import io.drover.common.random.Rng;
import io.drover.master.api.agent.AgentCall;
import io.drover.master.api.agent.AgentEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedTaskTableTest {
  private static final String FW = "fw-1";

  private final SimulatedTaskTable table = new SimulatedTaskTable(Rng.seeded(1));

  static AgentEvent.Launch launch(String taskId, String... capabilities) {
    ObjectNode fw = AppsApi.JSON.createObjectNode().put("user", "u").put("name", "marathon");
    for (String c : capabilities) fw.withArray("capabilities").addObject().put("type", c);
    ObjectNode task = AppsApi.JSON.createObjectNode().put("name", "app");
    task.putObject("task_id").put("value", taskId);
    task.putObject("agent_id").put("value", "agent-1");
    task.putArray("resources").addObject().put("name", "cpus").put("type", "SCALAR").putObject("scalar")
        .put("value", 0.5);
    task.putObject("command").put("value", "sleep 3600");
    return new AgentEvent.Launch(FW, fw, task, "*");
  }

  static AgentEvent.Acknowledged ack(AgentCall.Update u) {
    return new AgentEvent.Acknowledged(u.frameworkId(), u.taskId(), u.uuid());
  }

  @Test void aLaunchSendsStartingFirstAndRunningOnlyOnceStartingIsAcknowledged() {
    assertThat(table.registered("agent-1", 1_000)).isEmpty();
    List<AgentCall.Update> first = table.launch(launch("t1"), 1_000);
    assertThat(first).singleElement().satisfies(u -> {
      assertThat(u.state()).isEqualTo("TASK_STARTING");
      assertThat(u.source()).isEqualTo("SOURCE_EXECUTOR");
      assertThat(u.latestState()).contains("TASK_RUNNING");
      assertThat(u.agentId()).isEqualTo("agent-1");
      assertThat(u.taskId()).isEqualTo("t1");
    });
    assertThat(table.due(2_000)).as("only the head is in flight").isEmpty();
    List<AgentCall.Update> second = table.acknowledged(ack(first.get(0)), 2_000);
    assertThat(second).singleElement().satisfies(u -> {
      assertThat(u.state()).isEqualTo("TASK_RUNNING");
      assertThat(u.uuid()).isNotEqualTo(first.get(0).uuid());
    });
    assertThat(table.acknowledged(ack(second.get(0)), 2_100)).isEmpty();
    assertThat(table.runningTasks()).singleElement().satisfies(t -> {
      assertThat(t.state()).isEqualTo("TASK_RUNNING");
      assertThat(t.resources()).contains("cpus:0.5");
      assertThat(t.frameworkId()).isEqualTo(FW);
    });
  }

  @Test void anUnacknowledgedUpdateIsResentAfterTheAgentsBackoff() {
    table.registered("agent-1", 0);
    AgentCall.Update starting = table.launch(launch("t1"), 0).get(0);
    assertThat(table.due(StatusUpdateStream.RETRY_MIN_MS - 1)).isEmpty();
    assertThat(table.due(StatusUpdateStream.RETRY_MIN_MS)).singleElement()
        .satisfies(u -> assertThat(u.uuid()).isEqualTo(starting.uuid()));
    assertThat(table.registered("agent-1", StatusUpdateStream.RETRY_MIN_MS + 1)).as("a new subscription resends")
        .singleElement().satisfies(u -> assertThat(u.uuid()).isEqualTo(starting.uuid()));
  }

  @Test void killSendsKillingThenKilledWhenTheFrameworkHasTheCapability() {
    table.registered("agent-1", 0);
    runToRunning("t1", "TASK_KILLING_STATE");
    List<AgentCall.Update> killing = table.kill(new AgentEvent.Kill(FW, "t1", 0), 10);
    assertThat(killing).singleElement().satisfies(u -> {
      assertThat(u.state()).isEqualTo("TASK_KILLING");
      assertThat(u.latestState()).contains("TASK_KILLED");
    });
    assertThat(table.runningTasks()).isEmpty();
    List<AgentCall.Update> killed = table.acknowledged(ack(killing.get(0)), 20);
    assertThat(killed).singleElement().satisfies(u -> assertThat(u.state()).isEqualTo("TASK_KILLED"));
    assertThat(table.acknowledged(ack(killed.get(0)), 30)).isEmpty();
    assertThat(table.kill(new AgentEvent.Kill(FW, "t1", 0), 40)).as("a task that is gone is unknown")
        .singleElement().satisfies(u -> assertThat(u.state()).isEqualTo("TASK_LOST"));
  }

  @Test void killWithoutTheCapabilityGoesStraightToKilled() {
    table.registered("agent-1", 0);
    runToRunning("t1");
    assertThat(table.kill(new AgentEvent.Kill(FW, "t1", 0), 10)).singleElement()
        .satisfies(u -> assertThat(u.state()).isEqualTo("TASK_KILLED"));
  }

  @Test void killOfAnUnknownTaskAnswersLostOrDroppedFromTheAgent() {
    table.registered("agent-1", 0);
    assertThat(table.kill(new AgentEvent.Kill(FW, "nope", 0), 10)).singleElement().satisfies(u -> {
      assertThat(u.state()).isEqualTo("TASK_LOST");
      assertThat(u.source()).isEqualTo("SOURCE_AGENT");
      assertThat(u.reason()).contains("REASON_EXECUTOR_TERMINATED");
      assertThat(u.message()).contains("Cannot find executor");
    });
    runToRunning("t2", "PARTITION_AWARE");
    assertThat(table.kill(new AgentEvent.Kill(FW, "other", 0), 20)).singleElement()
        .satisfies(u -> assertThat(u.state()).isEqualTo("TASK_DROPPED"));
  }

  @Test void aDuplicateLaunchIsIgnoredAndShutdownDropsTheFrameworksTasks() {
    table.registered("agent-1", 0);
    table.launch(launch("t1"), 0);
    assertThat(table.launch(launch("t1"), 1)).isEmpty();
    assertThat(table.duplicateLaunches()).isEqualTo(1);
    table.shutdownFramework(new AgentEvent.ShutdownFramework(FW));
    assertThat(table.taskCount()).isZero();
    assertThat(table.due(StatusUpdateStream.RETRY_MAX_MS)).isEmpty();
  }

  @Test void nothingIsSentBeforeTheAgentIsSubscribed() {
    assertThat(table.launch(launch("t1"), 0)).isEmpty();
    assertThat(table.registered("agent-1", 5)).singleElement()
        .satisfies(u -> assertThat(u.agentId()).isEqualTo("agent-1"));
  }

  private void runToRunning(String taskId, String... capabilities) {
    AgentCall.Update starting = table.launch(launch(taskId, capabilities), 0).get(0);
    AgentCall.Update running = table.acknowledged(ack(starting), 1).get(0);
    assertThat(table.acknowledged(ack(running), 2)).isEmpty();
    assertThat(running.state()).isEqualTo("TASK_RUNNING");
    assertThat(running.latestState()).contains("TASK_RUNNING");
  }
}
