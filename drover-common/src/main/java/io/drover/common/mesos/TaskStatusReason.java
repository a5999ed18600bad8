package io.drover.common.mesos;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * Every {@code mesos.v1.TaskStatus.Reason} of apache/mesos' {@code include/mesos/v1/mesos.proto} (1.11, HEAD), names
 * (v1: AGENT rather than SLAVE) and numbers exactly as there, in the proto's order, plus Drover's {@link #UNKNOWN}.
 * See Mesos' {@code docs/task-state-reasons.md} for when each is used. Shared by the agent, the master's cluster core
 * and the v1 API's JSON types.
 *
 * <p>JSON: written as names; with {@code READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE} an unknown name reads as
 * {@link #UNKNOWN}.
 */
public enum TaskStatusReason {
  /**
   * A reason this version of Drover does not know (a newer Mesos' name or number), not a Mesos reason: proto numbers
   * start at 0, so it is -1. Distinct from {@link #REASON_TASK_UNKNOWN} and {@link #REASON_AGENT_UNKNOWN}.
   */
  @JsonEnumDefaultValue UNKNOWN(-1),
  /** Number 0; the proto notes it is not used anywhere. */
  REASON_COMMAND_EXECUTOR_FAILED(0),
  REASON_CONTAINER_LAUNCH_FAILED(21),
  REASON_CONTAINER_LIMITATION(19),
  REASON_CONTAINER_LIMITATION_DISK(20),
  REASON_CONTAINER_LIMITATION_MEMORY(8),
  REASON_CONTAINER_PREEMPTED(17),
  REASON_CONTAINER_UPDATE_FAILED(22),
  REASON_MAX_COMPLETION_TIME_REACHED(33),
  REASON_EXECUTOR_REGISTRATION_TIMEOUT(23),
  REASON_EXECUTOR_REREGISTRATION_TIMEOUT(24),
  REASON_EXECUTOR_TERMINATED(1),
  /** No longer used (per the proto). */
  REASON_EXECUTOR_UNREGISTERED(2),
  REASON_FRAMEWORK_REMOVED(3),
  REASON_GC_ERROR(4),
  REASON_INVALID_FRAMEWORKID(5),
  REASON_INVALID_OFFERS(6),
  REASON_IO_SWITCHBOARD_EXITED(27),
  REASON_MASTER_DISCONNECTED(7),
  REASON_RECONCILIATION(9),
  REASON_RESOURCES_UNKNOWN(18),
  REASON_AGENT_DISCONNECTED(10),
  REASON_AGENT_DRAINING(34),
  REASON_AGENT_REMOVED(11),
  REASON_AGENT_REMOVED_BY_OPERATOR(31),
  REASON_AGENT_REREGISTERED(32),
  REASON_AGENT_RESTARTED(12),
  REASON_AGENT_UNKNOWN(13),
  REASON_TASK_KILLED_DURING_LAUNCH(30),
  REASON_TASK_CHECK_STATUS_UPDATED(28),
  REASON_TASK_HEALTH_CHECK_STATUS_UPDATED(29),
  REASON_TASK_GROUP_INVALID(25),
  REASON_TASK_GROUP_UNAUTHORIZED(26),
  REASON_TASK_INVALID(14),
  REASON_TASK_UNAUTHORIZED(15),
  REASON_TASK_UNKNOWN(16);

  private final int number;

  TaskStatusReason(int number) { this.number = number; }

  /** The enum number in mesos.proto; -1 for {@link #UNKNOWN}. */
  public int number() { return number; }

  /** Whether this is a reason mesos.proto defines, i.e. anything but {@link #UNKNOWN}. */
  public boolean isKnown() { return this != UNKNOWN; }

  /** The reason with proto number {@code number}, or {@link #UNKNOWN} for a number mesos.proto does not define. */
  public static TaskStatusReason ofNumber(int number) {
    for (TaskStatusReason r : values()) if (r.number == number) return r;
    return UNKNOWN;
  }
}
