package io.drover.agent.status;

import java.util.Objects;

/** Identifies one status update stream: a task within its framework (task ids are unique per framework only). */
public record StreamKey(String frameworkId, String taskId) {
  public StreamKey {
    Objects.requireNonNull(frameworkId, "frameworkId");
    Objects.requireNonNull(taskId, "taskId");
  }

  public static StreamKey of(StatusUpdate update) { return new StreamKey(update.frameworkId(), update.taskId()); }
}
