package io.drover.apps.launch;

import io.drover.apps.deploy.InstanceCondition;
import io.drover.common.mesos.TaskState;
import io.drover.common.mesos.TaskStatusReason;
import io.drover.master.api.v1.TaskStatus;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Mesos task status → Marathon instance condition, as Marathon's {@code TaskCondition} and
 * {@code TaskConditionMapping} (1.10) do:
 * <ul>
 *   <li>TASK_ERROR → Error, TASK_FAILED → Failed, TASK_FINISHED → Finished, TASK_KILLED → Killed, TASK_KILLING →
 *       Killing, TASK_RUNNING → Running, TASK_STAGING → Staging, TASK_STARTING → Starting, TASK_DROPPED → Dropped,
 *       TASK_GONE and TASK_GONE_BY_OPERATOR → Gone, TASK_UNKNOWN → Unknown, TASK_UNREACHABLE → Unreachable;
 *   <li>TASK_LOST (Mesos 1.0 compatibility) by reason: a message starting {@code "Reconciliation: Task is unknown to
 *       the"} or REASON_TASK_UNKNOWN → Unknown; REASON_RECONCILIATION, REASON_AGENT_DISCONNECTED,
 *       REASON_AGENT_REMOVED → Unreachable (the task may come back); any other reason → Gone. A status without a
 *       reason has the proto default (REASON_COMMAND_EXECUTOR_FAILED) and so is Gone; so is a reason this Drover does
 *       not know.
 * </ul>
 * Drover's {@link TaskState#UNKNOWN} (a state name this Drover does not know, not TASK_UNKNOWN) has no condition:
 * such an update should be ignored. {@code UnreachableInactive} is never the answer here: the instance tracker
 * moves Unreachable instances there after {@code unreachableStrategy.inactiveAfterSeconds}. Neither the status'
 * {@code source} nor {@code healthy} changes the condition (as in Marathon); {@code healthy} is reported beside it.
 */
public final class StatusMapping {
  /** Marathon's prefix of a TASK_LOST message from reconciliation of a task the master does not know. */
  static final String MESSAGE_INDICATING_UNKNOWN = "Reconciliation: Task is unknown to the";

  static final Set<TaskStatusReason> LOST_UNREACHABLE = EnumSet.of(TaskStatusReason.REASON_RECONCILIATION,
      TaskStatusReason.REASON_AGENT_DISCONNECTED, TaskStatusReason.REASON_AGENT_REMOVED);

  private StatusMapping() {}

  /**
   * What one status update means for its instance.
   *
   * @param healthy the update's {@code healthy} flag (present only when the task has a health check)
   * @param killedByHealthCheck the agent killed (or is killing) the task because its health check failed
   *     ({@code healthy=false} on TASK_KILLING/TASK_KILLED): the framework publishes
   *     {@code unhealthy_instance_kill_event}
   */
  public record Update(InstanceCondition condition, Optional<Boolean> healthy, BackoffEffect backoff,
      boolean killedByHealthCheck) {
    public boolean isTerminal() { return condition.isTerminal(); }
  }

  /** The meaning of {@code status}; empty for a state this Drover does not know. */
  public static Optional<Update> map(TaskStatus status) {
    TaskState state = status.state() == null ? TaskState.UNKNOWN : status.state();
    return condition(state, status.reason(), status.message()).map(c -> new Update(c,
        Optional.ofNullable(status.healthy()), backoffEffect(c, state, status.reason()),
        (state == TaskState.TASK_KILLED || state == TaskState.TASK_KILLING) && Boolean.FALSE.equals(status.healthy())));
  }

  /**
   * Marathon's {@code TaskCondition.apply}.
   *
   * @param reason null = absent (the proto default, REASON_COMMAND_EXECUTOR_FAILED)
   * @param message null = absent
   */
  public static Optional<InstanceCondition> condition(TaskState state, TaskStatusReason reason, String message) {
    return Optional.ofNullable(switch (state) {
      case TASK_ERROR -> InstanceCondition.ERROR;
      case TASK_FAILED -> InstanceCondition.FAILED;
      case TASK_FINISHED -> InstanceCondition.FINISHED;
      case TASK_KILLED -> InstanceCondition.KILLED;
      case TASK_KILLING -> InstanceCondition.KILLING;
      case TASK_RUNNING -> InstanceCondition.RUNNING;
      case TASK_STAGING -> InstanceCondition.STAGING;
      case TASK_STARTING -> InstanceCondition.STARTING;
      case TASK_DROPPED -> InstanceCondition.DROPPED;
      case TASK_GONE, TASK_GONE_BY_OPERATOR -> InstanceCondition.GONE;
      case TASK_UNKNOWN -> InstanceCondition.UNKNOWN;
      case TASK_UNREACHABLE -> InstanceCondition.UNREACHABLE;
      case TASK_LOST -> lost(reason == null ? TaskStatusReason.REASON_COMMAND_EXECUTOR_FAILED : reason, message);
      case UNKNOWN -> null;
    });
  }

  private static InstanceCondition lost(TaskStatusReason reason, String message) {
    if ((message != null && message.startsWith(MESSAGE_INDICATING_UNKNOWN))
        || reason == TaskStatusReason.REASON_TASK_UNKNOWN) {
      return InstanceCondition.UNKNOWN;
    }
    // Marathon: Gone = every reason but the Unreachable and Unknown ones, so Dropped is never reached.
    return LOST_UNREACHABLE.contains(reason) ? InstanceCondition.UNREACHABLE : InstanceCondition.GONE;
  }

  /**
   * Marathon's {@code NotifyRateLimiterStep} for a condition change: agent draining resets, Dropped/Error/Failed/
   * Gone/Finished increase, Provisioned/Staging/Starting/Running advance, anything else leaves the delay alone.
   * (Reference §3: TASK_FAILED and TASK_FINISHED increase the delay, TASK_KILLED does not.) Apply it only when the
   * update changed the instance's condition.
   */
  public static BackoffEffect backoffEffect(InstanceCondition condition, TaskState state, TaskStatusReason reason) {
    if ((state == TaskState.TASK_KILLED || state == TaskState.TASK_GONE_BY_OPERATOR)
        && reason == TaskStatusReason.REASON_AGENT_DRAINING) {
      return BackoffEffect.RESET;
    }
    return switch (condition) {
      case DROPPED, ERROR, FAILED, GONE, FINISHED -> BackoffEffect.INCREASE;
      case PROVISIONED, STAGING, STARTING, RUNNING -> BackoffEffect.ADVANCE;
      case SCHEDULED, KILLING, UNREACHABLE, UNREACHABLE_INACTIVE, KILLED, UNKNOWN -> BackoffEffect.NONE;
    };
  }

  /** Whether a terminal condition counts as a failed launch for the backoff ({@link BackoffEffect#INCREASE}). */
  public static boolean countsAsLaunchFailure(InstanceCondition condition) {
    return backoffEffect(condition, TaskState.TASK_RUNNING, null) == BackoffEffect.INCREASE;
  }

  /** Marathon's {@code Condition.isTerminal}. */
  public static boolean isTerminal(InstanceCondition condition) { return condition.isTerminal(); }

  /**
   * The condition as Marathon writes it ({@code Condition.toString}, e.g. in {@code instance_changed_event}):
   * {@code Running}, {@code UnreachableInactive}, ...
   */
  public static String conditionName(InstanceCondition condition) {
    return switch (condition) {
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

  /** The condition a stored instance's state name stands for (recovery); an empty name is a provisioned instance. */
  public static InstanceCondition conditionOfStoredState(String state) {
    if (state == null || state.isEmpty()) return InstanceCondition.PROVISIONED;
    try {
      return condition(TaskState.valueOf(state), null, null).orElse(InstanceCondition.UNKNOWN);
    } catch (IllegalArgumentException e) {
      return InstanceCondition.UNKNOWN;
    }
  }
}
