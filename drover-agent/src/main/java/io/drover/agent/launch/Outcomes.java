package io.drover.agent.launch;

import io.drover.agent.containerizer.ContainerExit;
import io.drover.agent.containerizer.ContainerExit.Termination;
import io.drover.common.mesos.TaskState;
import io.drover.common.mesos.TaskStatusReason;
import io.drover.common.mesos.TaskStatusSource;
import java.util.Optional;

/** Which status update an event becomes, as Mesos' agent and command executor decide. */
public final class Outcomes {
  private Outcomes() {}

  /**
   * The terminal update for a container's end.
   * <ul>
   *   <li>never started: invalid spec → TASK_ERROR / REASON_TASK_INVALID; a kill while launching → TASK_KILLED;
   *       else TASK_FAILED / REASON_CONTAINER_LAUNCH_FAILED; source agent;
   *   <li>memory limit → TASK_FAILED / REASON_CONTAINER_LIMITATION_MEMORY, source agent (a limitation the
   *       containerizer saw), even when a kill raced with it;
   *   <li>killed → TASK_KILLED, source executor; when a failing health check asked for the kill, {@code healthy}
   *       is false (Mesos' command executor does the same);
   *   <li>exit 0 → TASK_FINISHED; anything else → TASK_FAILED with the containerizer's reason; source executor.
   * </ul>
   */
  public static Outcome ofExit(ContainerExit exit, boolean killedByHealthCheck) {
    Optional<ContainerExit.Reason> reason = exit.reason();
    if (exit.termination() instanceof Termination.NotStarted) {
      if (reason.isEmpty() || exit.killed()) {
        return new Outcome(TaskState.TASK_KILLED, TaskStatusSource.SOURCE_AGENT, Optional.empty(), exit.message(),
            killedByHealthCheck ? false : null);
      }
      return switch (reason.get()) {
        case REASON_TASK_INVALID -> new Outcome(TaskState.TASK_ERROR, TaskStatusSource.SOURCE_AGENT,
            Optional.of(TaskStatusReason.REASON_TASK_INVALID), exit.message(), null);
        case REASON_CONTAINER_LAUNCH_FAILED, REASON_COMMAND_EXECUTOR_FAILED, REASON_CONTAINER_LIMITATION_MEMORY,
            REASON_EXECUTOR_TERMINATED -> new Outcome(TaskState.TASK_FAILED, TaskStatusSource.SOURCE_AGENT,
            Optional.of(TaskStatusReason.REASON_CONTAINER_LAUNCH_FAILED), exit.message(), null);
      };
    }
    if (reason.isPresent() && reason.get() == ContainerExit.Reason.REASON_CONTAINER_LIMITATION_MEMORY) {
      return new Outcome(TaskState.TASK_FAILED, TaskStatusSource.SOURCE_AGENT,
          Optional.of(TaskStatusReason.REASON_CONTAINER_LIMITATION_MEMORY), exit.message(), null);
    }
    if (exit.killed()) {
      return new Outcome(TaskState.TASK_KILLED, TaskStatusSource.SOURCE_EXECUTOR, Optional.empty(), exit.message(),
          killedByHealthCheck ? false : null);
    }
    if (exit.succeeded()) {
      return new Outcome(TaskState.TASK_FINISHED, TaskStatusSource.SOURCE_EXECUTOR, Optional.empty(),
          exit.message(), null);
    }
    TaskStatusReason r = reason.map(x -> switch (x) {
      case REASON_EXECUTOR_TERMINATED -> TaskStatusReason.REASON_EXECUTOR_TERMINATED;
      case REASON_CONTAINER_LAUNCH_FAILED -> TaskStatusReason.REASON_CONTAINER_LAUNCH_FAILED;
      case REASON_TASK_INVALID -> TaskStatusReason.REASON_TASK_INVALID;
      case REASON_COMMAND_EXECUTOR_FAILED, REASON_CONTAINER_LIMITATION_MEMORY ->
          TaskStatusReason.REASON_COMMAND_EXECUTOR_FAILED;
    }).orElse(TaskStatusReason.REASON_COMMAND_EXECUTOR_FAILED);
    return new Outcome(TaskState.TASK_FAILED, TaskStatusSource.SOURCE_EXECUTOR, Optional.of(r), exit.message(), null);
  }

  /**
   * A kill for a task the agent does not run: Mesos' agent answers TASK_DROPPED (partition-aware frameworks) or
   * TASK_LOST, source agent, REASON_EXECUTOR_TERMINATED, "Cannot find executor". For an unknown framework Drover
   * answers TASK_LOST the same way, so that the master always learns the task is not here.
   */
  public static Outcome unknownTaskKilled(boolean partitionAware) {
    return new Outcome(partitionAware ? TaskState.TASK_DROPPED : TaskState.TASK_LOST, TaskStatusSource.SOURCE_AGENT,
        Optional.of(TaskStatusReason.REASON_EXECUTOR_TERMINATED), "Cannot find executor", null);
  }

  /**
   * A checkpointed task whose container ended while no agent watched it: its exit status is lost. Mesos' agent
   * reports a command task whose executor terminated as TASK_FAILED / REASON_EXECUTOR_TERMINATED.
   */
  public static Outcome endedWhileAgentDown(String detail) {
    return new Outcome(TaskState.TASK_FAILED, TaskStatusSource.SOURCE_AGENT,
        Optional.of(TaskStatusReason.REASON_EXECUTOR_TERMINATED),
        "The task's container ended while the agent was down (agent restarted): " + detail, null);
  }
}
