package io.drover.agent.containerizer;

import java.util.Objects;
import java.util.Optional;

/**
 * The terminal outcome of a container, delivered exactly once per launched container.
 *
 * @param containerId the container's id as given in its {@link ContainerSpec}
 * @param termination how the container's main process ended (or that it never started)
 * @param reason the Mesos status-update reason the agent should report; empty for a clean exit 0 and for a
 *     container ended by {@link Containerizer#kill} (the agent reports TASK_KILLED then)
 * @param message a human-readable explanation for the status update's {@code message} field
 * @param killed true when {@link Containerizer#kill} was requested before the container ended
 */
public record ContainerExit(
    String containerId, Termination termination, Optional<Reason> reason, String message, boolean killed) {

  public ContainerExit {
    Objects.requireNonNull(containerId, "containerId");
    Objects.requireNonNull(termination, "termination");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
  }

  /** Mesos {@code TaskStatus.Reason} values a containerizer can produce (names exactly as in the protos). */
  public enum Reason {
    /** The command ran and exited non-zero or was killed by a signal nobody asked for. */
    REASON_COMMAND_EXECUTOR_FAILED,
    /** The container could not be started: missing image, failed pull, spawn failure, cgroup setup failure. */
    REASON_CONTAINER_LAUNCH_FAILED,
    /** The container was killed by the kernel's OOM killer for exceeding its memory limit. */
    REASON_CONTAINER_LIMITATION_MEMORY,
    /** The spec asks for something this agent refuses (port not offered, privileged, unknown parameter). */
    REASON_TASK_INVALID,
    /**
     * A recovered container's main process ended while its exit status could not be observed (it was re-adopted
     * after an agent restart and is not the agent's child any more).
     */
    REASON_EXECUTOR_TERMINATED
  }

  /** How the main process ended. */
  public sealed interface Termination {
    /** Exited normally with {@code code}. */
    record Exited(int code) implements Termination {}

    /** Terminated by {@code signal} (e.g. 9 for SIGKILL). */
    record Signaled(int signal) implements Termination {}

    /** Never started; {@link ContainerExit#message()} says why. */
    record NotStarted() implements Termination {}

    /** Ended, but how is not known: a re-adopted process that was not our child. */
    record Unknown() implements Termination {}
  }

  /** True for a clean exit 0 that nobody killed: the agent reports TASK_FINISHED. */
  public boolean succeeded() {
    return !killed && reason.isEmpty() && termination instanceof Termination.Exited e && e.code() == 0;
  }

  static ContainerExit notStarted(String containerId, Reason reason, String message) {
    return new ContainerExit(containerId, new Termination.NotStarted(), Optional.of(reason), message, false);
  }

  /** A container killed before its command started (while fetching, pulling or creating): TASK_KILLED. */
  static ContainerExit killedWhileLaunching(String containerId) {
    return new ContainerExit(containerId, new Termination.NotStarted(), Optional.empty(),
        "Container killed while launching", true);
  }

  /**
   * The exit of a container whose main process ran: {@code oomKilled} wins over everything (a kill racing with
   * the OOM killer still reports memory), then a requested kill (no reason), then exit 0 (no reason), else
   * {@link Reason#REASON_COMMAND_EXECUTOR_FAILED}.
   */
  static ContainerExit ran(String containerId, Termination termination, boolean oomKilled, boolean killed) {
    String how = switch (termination) {
      case Termination.Exited e -> "Command exited with status " + e.code();
      case Termination.Signaled s -> "Command terminated with signal " + s.signal();
      case Termination.NotStarted n -> "Command did not start";
      case Termination.Unknown u -> "Command ended with an unknown status";
    };
    if (oomKilled) {
      return new ContainerExit(containerId, termination, Optional.of(Reason.REASON_CONTAINER_LIMITATION_MEMORY),
          "Memory limit exceeded: the container was killed by the OOM killer (" + how + ")", killed);
    }
    if (killed) {
      return new ContainerExit(containerId, termination, Optional.empty(), "Container killed (" + how + ")", true);
    }
    boolean ok = termination instanceof Termination.Exited e && e.code() == 0;
    return new ContainerExit(containerId, termination,
        ok ? Optional.empty() : Optional.of(Reason.REASON_COMMAND_EXECUTOR_FAILED), how, false);
  }

  /**
   * The exit of a re-adopted process whose status nobody could read: memory if the cgroup's OOM counter says so,
   * none if it was killed on request, else {@link Reason#REASON_EXECUTOR_TERMINATED} with a message saying so.
   */
  static ContainerExit recoveredEnded(String containerId, boolean oomKilled, boolean killed) {
    Termination unknown = new Termination.Unknown();
    if (oomKilled || killed) {
      return ran(containerId, unknown, oomKilled, killed);
    }
    return new ContainerExit(containerId, unknown, Optional.of(Reason.REASON_EXECUTOR_TERMINATED),
        "The task's process ended after the agent restarted and re-adopted it; its exit status is unknown", false);
  }
}
