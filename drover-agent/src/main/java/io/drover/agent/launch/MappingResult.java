package io.drover.agent.launch;

import io.drover.common.mesos.TaskState;
import io.drover.common.mesos.TaskStatusReason;

/** What {@link TaskMapper} made of a TaskInfo. */
public sealed interface MappingResult {
  /** The task can run as {@code plan}. */
  record Mapped(TaskPlan plan) implements MappingResult {}

  /** The task cannot run here: report {@code state} with {@code reason} and {@code message} (source agent). */
  record Rejected(TaskState state, TaskStatusReason reason, String message) implements MappingResult {}
}
