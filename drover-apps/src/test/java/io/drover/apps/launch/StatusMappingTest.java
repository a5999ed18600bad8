package io.drover.apps.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.apps.deploy.InstanceCondition;
import io.drover.common.mesos.TaskState;
import io.drover.common.mesos.TaskStatusReason;
import io.drover.common.mesos.TaskStatusSource;
import io.drover.master.api.v1.AgentID;
import io.drover.master.api.v1.TaskID;
import io.drover.master.api.v1.TaskStatus;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

final class StatusMappingTest {
  static TaskStatus status(TaskState state, TaskStatusReason reason, String message, Boolean healthy) {
    return new TaskStatus(new TaskID("t"), state, message, TaskStatusSource.SOURCE_EXECUTOR, reason, null,
        new AgentID("a"), null, 1.0, null, healthy, null, null, null, null, null);
  }

  static final Map<TaskState, InstanceCondition> DIRECT = new EnumMap<>(Map.ofEntries(
      Map.entry(TaskState.TASK_ERROR, InstanceCondition.ERROR),
      Map.entry(TaskState.TASK_FAILED, InstanceCondition.FAILED),
      Map.entry(TaskState.TASK_FINISHED, InstanceCondition.FINISHED),
      Map.entry(TaskState.TASK_KILLED, InstanceCondition.KILLED),
      Map.entry(TaskState.TASK_KILLING, InstanceCondition.KILLING),
      Map.entry(TaskState.TASK_RUNNING, InstanceCondition.RUNNING),
      Map.entry(TaskState.TASK_STAGING, InstanceCondition.STAGING),
      Map.entry(TaskState.TASK_STARTING, InstanceCondition.STARTING),
      Map.entry(TaskState.TASK_DROPPED, InstanceCondition.DROPPED),
      Map.entry(TaskState.TASK_GONE, InstanceCondition.GONE),
      Map.entry(TaskState.TASK_GONE_BY_OPERATOR, InstanceCondition.GONE),
      Map.entry(TaskState.TASK_UNKNOWN, InstanceCondition.UNKNOWN),
      Map.entry(TaskState.TASK_UNREACHABLE, InstanceCondition.UNREACHABLE)));

  @Test
  void everyStateButLostMapsRegardlessOfReason() {
    for (var e : DIRECT.entrySet()) {
      for (TaskStatusReason r : TaskStatusReason.values()) {
        assertThat(StatusMapping.condition(e.getKey(), r, "m")).as("%s / %s", e.getKey(), r).contains(e.getValue());
      }
      assertThat(StatusMapping.condition(e.getKey(), null, null)).contains(e.getValue());
    }
    // every Mesos state is covered by the table or TASK_LOST
    assertThat(EnumSet.complementOf(EnumSet.copyOf(DIRECT.keySet())))
        .containsExactlyInAnyOrder(TaskState.TASK_LOST, TaskState.UNKNOWN);
  }

  @ParameterizedTest
  @EnumSource(TaskStatusReason.class)
  void lostByReason(TaskStatusReason reason) {
    InstanceCondition expected = switch (reason) {
      case REASON_RECONCILIATION, REASON_AGENT_DISCONNECTED, REASON_AGENT_REMOVED -> InstanceCondition.UNREACHABLE;
      case REASON_TASK_UNKNOWN -> InstanceCondition.UNKNOWN;
      default -> InstanceCondition.GONE;
    };
    assertThat(StatusMapping.condition(TaskState.TASK_LOST, reason, "lost")).contains(expected);
  }

  @Test
  void lostSpecialCases() {
    assertThat(StatusMapping.condition(TaskState.TASK_LOST, null, null)).as("proto default reason")
        .contains(InstanceCondition.GONE);
    assertThat(StatusMapping.condition(TaskState.TASK_LOST, TaskStatusReason.REASON_RECONCILIATION,
        "Reconciliation: Task is unknown to the master")).as("message wins").contains(InstanceCondition.UNKNOWN);
    assertThat(StatusMapping.condition(TaskState.TASK_LOST, TaskStatusReason.REASON_AGENT_REMOVED_BY_OPERATOR, ""))
        .contains(InstanceCondition.GONE);
  }

  @Test
  void anUnknownStateHasNoCondition() {
    assertThat(StatusMapping.condition(TaskState.UNKNOWN, null, null)).isEmpty();
    assertThat(StatusMapping.map(status(TaskState.UNKNOWN, null, null, null))).isEmpty();
  }

  @Test
  void terminalAndBackoff() {
    Map<InstanceCondition, BackoffEffect> backoff = new EnumMap<>(InstanceCondition.class);
    for (InstanceCondition c : InstanceCondition.values()) {
      backoff.put(c, StatusMapping.backoffEffect(c, TaskState.TASK_RUNNING, null));
    }
    assertThat(backoff).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
        Map.entry(InstanceCondition.SCHEDULED, BackoffEffect.NONE),
        Map.entry(InstanceCondition.PROVISIONED, BackoffEffect.ADVANCE),
        Map.entry(InstanceCondition.STAGING, BackoffEffect.ADVANCE),
        Map.entry(InstanceCondition.STARTING, BackoffEffect.ADVANCE),
        Map.entry(InstanceCondition.RUNNING, BackoffEffect.ADVANCE),
        Map.entry(InstanceCondition.KILLING, BackoffEffect.NONE),
        Map.entry(InstanceCondition.UNREACHABLE, BackoffEffect.NONE),
        Map.entry(InstanceCondition.UNREACHABLE_INACTIVE, BackoffEffect.NONE),
        Map.entry(InstanceCondition.ERROR, BackoffEffect.INCREASE),
        Map.entry(InstanceCondition.FAILED, BackoffEffect.INCREASE),
        Map.entry(InstanceCondition.FINISHED, BackoffEffect.INCREASE),
        Map.entry(InstanceCondition.KILLED, BackoffEffect.NONE),
        Map.entry(InstanceCondition.GONE, BackoffEffect.INCREASE),
        Map.entry(InstanceCondition.DROPPED, BackoffEffect.INCREASE),
        Map.entry(InstanceCondition.UNKNOWN, BackoffEffect.NONE)));
    assertThat(StatusMapping.countsAsLaunchFailure(InstanceCondition.FAILED)).isTrue();
    assertThat(StatusMapping.countsAsLaunchFailure(InstanceCondition.FINISHED)).isTrue();
    assertThat(StatusMapping.countsAsLaunchFailure(InstanceCondition.KILLED)).isFalse();
    assertThat(StatusMapping.isTerminal(InstanceCondition.KILLED)).isTrue();
    assertThat(StatusMapping.isTerminal(InstanceCondition.UNREACHABLE)).isFalse();
    assertThat(StatusMapping.backoffEffect(InstanceCondition.KILLED, TaskState.TASK_KILLED,
        TaskStatusReason.REASON_AGENT_DRAINING)).isEqualTo(BackoffEffect.RESET);
    assertThat(StatusMapping.backoffEffect(InstanceCondition.GONE, TaskState.TASK_GONE_BY_OPERATOR,
        TaskStatusReason.REASON_AGENT_DRAINING)).isEqualTo(BackoffEffect.RESET);
    assertThat(StatusMapping.backoffEffect(InstanceCondition.FAILED, TaskState.TASK_FAILED,
        TaskStatusReason.REASON_AGENT_DRAINING)).isEqualTo(BackoffEffect.INCREASE);
  }

  @Test
  void mapCarriesHealthAndHealthKills() {
    var running = StatusMapping.map(status(TaskState.TASK_RUNNING,
        TaskStatusReason.REASON_TASK_HEALTH_CHECK_STATUS_UPDATED, null, true)).orElseThrow();
    assertThat(running).isEqualTo(new StatusMapping.Update(InstanceCondition.RUNNING, Optional.of(true),
        BackoffEffect.ADVANCE, false));
    var killed = StatusMapping.map(status(TaskState.TASK_KILLED, null, "health check failed", false)).orElseThrow();
    assertThat(killed.killedByHealthCheck()).isTrue();
    assertThat(killed.isTerminal()).isTrue();
    assertThat(killed.backoff()).isEqualTo(BackoffEffect.NONE);
    var plainKill = StatusMapping.map(status(TaskState.TASK_KILLED, null, null, null)).orElseThrow();
    assertThat(plainKill.killedByHealthCheck()).isFalse();
    assertThat(plainKill.healthy()).isEmpty();
    var failedUnhealthy = StatusMapping.map(status(TaskState.TASK_FAILED, null, null, false)).orElseThrow();
    assertThat(failedUnhealthy.killedByHealthCheck()).as("only a kill is a health kill").isFalse();
  }

  @Test
  void conditionNamesAreMarathons() {
    assertThat(StatusMapping.conditionName(InstanceCondition.RUNNING)).isEqualTo("Running");
    assertThat(StatusMapping.conditionName(InstanceCondition.UNREACHABLE_INACTIVE)).isEqualTo("UnreachableInactive");
    for (InstanceCondition c : InstanceCondition.values()) {
      assertThat(StatusMapping.conditionName(c).replace("Inactive", "_INACTIVE").toUpperCase()).isEqualTo(c.name());
    }
  }
}
