package io.drover.apps.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.apps.deploy.InstanceCondition;
import io.drover.apps.model.Instance;
import io.drover.apps.model.TaskId;
import io.drover.apps.model.Timestamp;
import io.drover.common.mesos.TaskState;
import io.drover.common.mesos.TaskStatusSource;
import io.drover.master.api.v1.AgentID;
import io.drover.master.api.v1.TaskID;
import io.drover.master.api.v1.TaskStatus;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Exact event JSON, field order included (Marathon writes them in a fixed order). */
final class StatusEventsTest {
  static final Timestamp VERSION = Timestamp.parse("2015-09-25T15:13:48.343Z").orElseThrow();
  static final Timestamp NOW = Timestamp.parse("2015-09-25T15:20:00.001Z").orElseThrow();
  static final TaskId TASK = LaunchFixtures.taskId("/prod/web");
  static final String T = TASK.idString();
  static final String I = TASK.instanceId().idString();

  static Instance instance() {
    return new Instance(TASK.instanceId(), TASK, VERSION, "agent-1", "node1", List.of(31000, 31001),
        List.of(10000, 10001), List.of(new Instance.IpAddress("10.0.0.5", "IPv4")), "TASK_RUNNING", VERSION,
        Optional.of(VERSION), List.of(), "*", Optional.empty(), Optional.empty());
  }

  @Test
  void statusUpdateEvent() {
    TaskStatus s = new TaskStatus(new TaskID(T), TaskState.TASK_RUNNING, null, TaskStatusSource.SOURCE_EXECUTOR, null,
        null, new AgentID("agent-1"), null, 1.0, null, null, null, null, null, null, null);
    assertThat(StatusEvents.statusUpdate(s, instance(), NOW).toString()).isEqualTo(
        "{\"slaveId\":\"agent-1\",\"taskId\":\"" + T + "\",\"taskStatus\":\"TASK_RUNNING\",\"message\":\"\","
            + "\"appId\":\"/prod/web\",\"host\":\"node1\","
            + "\"ipAddresses\":[{\"ipAddress\":\"10.0.0.5\",\"protocol\":\"IPv4\"}],\"ports\":[31000,31001],"
            + "\"version\":\"2015-09-25T15:13:48.343Z\",\"eventType\":\"status_update_event\","
            + "\"timestamp\":\"2015-09-25T15:20:00.001Z\"}");
  }

  @Test
  void statusUpdateEventCarriesTheMessageAndFallsBackToTheInstancesAgent() {
    TaskStatus s = new TaskStatus(new TaskID(T), TaskState.TASK_FAILED, "exit 1", TaskStatusSource.SOURCE_EXECUTOR,
        null, null, null, null, 1.0, null, null, null, null, null, null, null);
    var e = StatusEvents.statusUpdate(s, instance(), NOW);
    assertThat(e.get("message").asText()).isEqualTo("exit 1");
    assertThat(e.get("slaveId").asText()).isEqualTo("agent-1");
    assertThat(e.get("taskStatus").asText()).isEqualTo("TASK_FAILED");
  }

  @Test
  void instanceChangedEvent() {
    assertThat(StatusEvents.instanceChanged(instance(), InstanceCondition.UNREACHABLE_INACTIVE, NOW).toString())
        .isEqualTo("{\"instanceId\":\"" + I + "\",\"condition\":\"UnreachableInactive\",\"runSpecId\":\"/prod/web\","
            + "\"agentId\":\"agent-1\",\"host\":\"node1\",\"runSpecVersion\":\"2015-09-25T15:13:48.343Z\","
            + "\"timestamp\":\"2015-09-25T15:20:00.001Z\",\"eventType\":\"instance_changed_event\"}");
    assertThat(StatusEvents.instanceChanged(TASK.instanceId(), InstanceCondition.SCHEDULED, Optional.empty(), "h",
        VERSION, NOW).get("agentId").isNull()).isTrue();
  }

  @Test
  void instanceHealthChangedEvent() {
    assertThat(StatusEvents.instanceHealthChanged(TASK.instanceId(), VERSION, Optional.of(false), NOW).toString())
        .isEqualTo("{\"instanceId\":\"" + I + "\",\"runSpecId\":\"/prod/web\",\"healthy\":false,"
            + "\"runSpecVersion\":\"2015-09-25T15:13:48.343Z\",\"timestamp\":\"2015-09-25T15:20:00.001Z\","
            + "\"eventType\":\"instance_health_changed_event\"}");
  }

  @Test
  void healthStatusChangedEvent() {
    assertThat(StatusEvents.healthStatusChanged(TASK.appId(), TASK.instanceId(), VERSION, true, NOW).toString())
        .isEqualTo("{\"appId\":\"/prod/web\",\"instanceId\":\"" + I + "\",\"version\":\"2015-09-25T15:13:48.343Z\","
            + "\"alive\":true,\"eventType\":\"health_status_changed_event\","
            + "\"timestamp\":\"2015-09-25T15:20:00.001Z\"}");
  }

  @Test
  void unhealthyInstanceKillEvent() {
    assertThat(StatusEvents.unhealthyInstanceKill(TASK, VERSION, "HTTP 503", "node1", Optional.of("agent-1"), NOW)
        .toString()).isEqualTo("{\"appId\":\"/prod/web\",\"taskId\":\"" + T + "\",\"instanceId\":\"" + I + "\","
            + "\"version\":\"2015-09-25T15:13:48.343Z\",\"reason\":\"HTTP 503\",\"host\":\"node1\","
            + "\"slaveId\":\"agent-1\",\"eventType\":\"unhealthy_instance_kill_event\","
            + "\"timestamp\":\"2015-09-25T15:20:00.001Z\"}");
    assertThat(StatusEvents.unhealthyInstanceKill(TASK, VERSION, "r", "h", Optional.empty(), NOW).has("slaveId"))
        .isFalse();
  }

  @Test
  void everyEventPassesTheBusCheck() {
    TaskStatus s = new TaskStatus(new TaskID(T), TaskState.TASK_RUNNING, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null);
    for (var e : List.of(StatusEvents.statusUpdate(s, instance(), NOW),
        StatusEvents.instanceChanged(instance(), InstanceCondition.RUNNING, NOW),
        StatusEvents.healthStatusChanged(TASK.appId(), TASK.instanceId(), VERSION, true, NOW))) {
      assertThat(io.drover.apps.api.events.Events.eventType(e)).isEqualTo(e.get("eventType").asText());
    }
  }
}
