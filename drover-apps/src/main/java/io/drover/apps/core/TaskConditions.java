package io.drover.apps.core;

import io.drover.apps.deploy.InstanceCondition;
import io.drover.common.mesos.TaskState;
import io.drover.common.mesos.TaskStatusReason;
import java.util.EnumSet;
import java.util.Set;

/** Marathon's {@code TaskCondition} mapping from a Mesos task state (and, for TASK_LOST, its reason). */
public final class TaskConditions {
  private TaskConditions() {}

  /** TASK_LOST reasons after which the task may come back: unreachable. */
  private static final Set<TaskStatusReason> MIGHT_COME_BACK = EnumSet.of(
      TaskStatusReason.REASON_RECONCILIATION, TaskStatusReason.REASON_AGENT_DISCONNECTED,
      TaskStatusReason.REASON_AGENT_REMOVED, TaskStatusReason.REASON_AGENT_RESTARTED,
      TaskStatusReason.REASON_AGENT_UNKNOWN, TaskStatusReason.REASON_MASTER_DISCONNECTED);

  /** TASK_LOST reasons after which the task is surely gone. */
  private static final Set<TaskStatusReason> WONT_COME_BACK = EnumSet.of(
      TaskStatusReason.REASON_CONTAINER_LAUNCH_FAILED, TaskStatusReason.REASON_CONTAINER_LIMITATION,
      TaskStatusReason.REASON_CONTAINER_LIMITATION_DISK, TaskStatusReason.REASON_CONTAINER_LIMITATION_MEMORY,
      TaskStatusReason.REASON_CONTAINER_PREEMPTED, TaskStatusReason.REASON_CONTAINER_UPDATE_FAILED,
      TaskStatusReason.REASON_EXECUTOR_REGISTRATION_TIMEOUT, TaskStatusReason.REASON_EXECUTOR_REREGISTRATION_TIMEOUT,
      TaskStatusReason.REASON_EXECUTOR_TERMINATED, TaskStatusReason.REASON_EXECUTOR_UNREGISTERED,
      TaskStatusReason.REASON_FRAMEWORK_REMOVED, TaskStatusReason.REASON_GC_ERROR,
      TaskStatusReason.REASON_INVALID_FRAMEWORKID, TaskStatusReason.REASON_INVALID_OFFERS,
      TaskStatusReason.REASON_IO_SWITCHBOARD_EXITED, TaskStatusReason.REASON_RESOURCES_UNKNOWN,
      TaskStatusReason.REASON_TASK_GROUP_INVALID, TaskStatusReason.REASON_TASK_GROUP_UNAUTHORIZED,
      TaskStatusReason.REASON_TASK_INVALID, TaskStatusReason.REASON_TASK_UNAUTHORIZED,
      TaskStatusReason.REASON_COMMAND_EXECUTOR_FAILED, TaskStatusReason.REASON_AGENT_REMOVED_BY_OPERATOR);

  public static InstanceCondition of(TaskState state, TaskStatusReason reason) {
    return switch (state) {
      case TASK_STAGING -> InstanceCondition.STAGING;
      case TASK_STARTING -> InstanceCondition.STARTING;
      case TASK_RUNNING -> InstanceCondition.RUNNING;
      case TASK_KILLING -> InstanceCondition.KILLING;
      case TASK_FINISHED -> InstanceCondition.FINISHED;
      case TASK_FAILED -> InstanceCondition.FAILED;
      case TASK_KILLED -> InstanceCondition.KILLED;
      case TASK_ERROR -> InstanceCondition.ERROR;
      case TASK_DROPPED -> InstanceCondition.DROPPED;
      case TASK_UNREACHABLE -> InstanceCondition.UNREACHABLE;
      case TASK_GONE, TASK_GONE_BY_OPERATOR -> InstanceCondition.GONE;
      case TASK_UNKNOWN, UNKNOWN -> InstanceCondition.UNKNOWN;
      case TASK_LOST -> reason != null && MIGHT_COME_BACK.contains(reason) ? InstanceCondition.UNREACHABLE
          : reason != null && WONT_COME_BACK.contains(reason) ? InstanceCondition.GONE : InstanceCondition.UNKNOWN;
    };
  }

  /** Marathon's JSON name of a condition ({@code Running}, {@code UnreachableInactive}, …). */
  public static String eventName(InstanceCondition c) {
    return switch (c) {
      case SCHEDULED -> "Scheduled";
      case PROVISIONED -> "Provisioned";
      case STAGING -> "Staging";
      case STARTING -> "Starting";
      case RUNNING -> "Running";
      case KILLING -> "Killing";
      case UNREACHABLE -> "Unreachable";
      case UNREACHABLE_INACTIVE -> "UnreachableInactive";
      case ERROR -> "Error";
      case FAILED -> "Failed";
      case FINISHED -> "Finished";
      case KILLED -> "Killed";
      case GONE -> "Gone";
      case DROPPED -> "Dropped";
      case UNKNOWN -> "Unknown";
    };
  }

  /** The condition a stored instance's state name stands for (recovery); TASK_LOST without reason is unknown. */
  public static InstanceCondition ofStateName(String state) {
    if (state == null || state.isEmpty()) return InstanceCondition.PROVISIONED;
    try {
      return of(TaskState.valueOf(state), null);
    } catch (IllegalArgumentException e) {
      return InstanceCondition.UNKNOWN;
    }
  }
}
