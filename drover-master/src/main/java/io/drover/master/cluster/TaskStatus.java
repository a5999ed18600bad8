package io.drover.master.cluster;

import io.drover.common.mesos.TaskState;
import io.drover.common.mesos.TaskStatusReason;
import io.drover.common.mesos.TaskStatusSource;
import java.util.Objects;

/**
 * A {@code TaskStatus} as the core sees it.
 *
 * @param reason null when the update has none
 * @param message null when the update has none
 * @param agentId null when unknown (reconciliation of a task without agent)
 * @param uuid the agent's update uuid, to acknowledge; null for updates the master generates (never acknowledged)
 * @param healthy null when the task has no health check
 * @param unreachableTimeMs set on TASK_UNREACHABLE, null otherwise
 */
public record TaskStatus(String taskId, TaskState state, TaskStatusSource source, TaskStatusReason reason, String message,
    String agentId, long timestampMs, String uuid, Boolean healthy, Long unreachableTimeMs) {
  public TaskStatus {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(source, "source");
  }

  /** An update the master itself generates: no uuid, so the framework does not acknowledge it. */
  public static TaskStatus fromMaster(String taskId, TaskState state, TaskStatusReason reason, String message, String agentId,
      long nowMs) {
    return new TaskStatus(taskId, state, TaskStatusSource.SOURCE_MASTER, reason, message, agentId, nowMs, null, null, null);
  }

  public TaskStatus withState(TaskState newState) {
    return new TaskStatus(taskId, newState, source, reason, message, agentId, timestampMs, uuid, healthy,
        unreachableTimeMs);
  }
}
