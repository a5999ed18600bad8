package io.drover.agent.health;

import io.drover.agent.status.StatusUpdate;
import io.drover.common.mesos.TaskState;
import io.drover.common.mesos.TaskStatusReason;
import io.drover.common.mesos.TaskStatusSource;
import java.util.Optional;
import java.util.UUID;

/** Turns health reports into the status updates Mesos' command executor sends for them. */
public final class HealthUpdates {
  private HealthUpdates() {}

  /**
   * The TASK_RUNNING update announcing {@code report}: {@code running}'s task, framework, agent, executor and container
   * status, with {@code healthy} set, reason {@code REASON_TASK_HEALTH_CHECK_STATUS_UPDATED}, the report's message, a
   * fresh {@code uuid} and {@code timestampMs}. {@code running} must be the task's TASK_RUNNING update: health is only
   * reported for a running task (a report that arrives after the task left TASK_RUNNING should be dropped by the caller).
   */
  public static StatusUpdate toStatusUpdate(HealthReport report, StatusUpdate running, UUID uuid, long timestampMs) {
    if (running.state() != TaskState.TASK_RUNNING) {
      throw new IllegalArgumentException("health is reported on the TASK_RUNNING update, got " + running.state());
    }
    return new StatusUpdate(running.taskId(), running.frameworkId(), running.agentId(), running.executorId(),
        TaskState.TASK_RUNNING, TaskStatusSource.SOURCE_EXECUTOR, Optional.of(TaskStatusReason.REASON_TASK_HEALTH_CHECK_STATUS_UPDATED),
        Optional.of(report.message()), report.healthy(), uuid, timestampMs, Optional.empty(),
        running.containerStatus());
  }
}
