package io.drover.agent.recovery;

import java.util.Objects;

/**
 * What the agent keeps about every container it launched, checkpointing framework or not, so that a later agent
 * can find it: re-adopt it, or kill it as an orphan.
 *
 * @param checkpoint whether the task's framework checkpoints (only then is the task recovered)
 * @param pid the main process's pid (process containers, once started); {@code null} before
 * @param startTime the main process's start time in clock ticks since boot ({@code /proc/<pid>/stat} field 22),
 *     telling it from a later process that re-used the pid; {@code null} with {@code pid}
 */
public record ContainerRecord(String containerId, String frameworkId, String taskId, ContainerKind kind,
    boolean checkpoint, Long pid, Long startTime) {
  public ContainerRecord {
    Objects.requireNonNull(containerId, "containerId");
    Objects.requireNonNull(frameworkId, "frameworkId");
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(kind, "kind");
    if ((pid == null) != (startTime == null)) {
      throw new IllegalArgumentException("pid and startTime go together");
    }
  }

  public ContainerRecord withProcess(long p, long start) {
    return new ContainerRecord(containerId, frameworkId, taskId, kind, checkpoint, p, start);
  }
}
