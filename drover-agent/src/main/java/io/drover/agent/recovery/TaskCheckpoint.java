package io.drover.agent.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A task of a checkpointing framework as the agent recovers it: written (and fsynced) before its container starts.
 *
 * @param taskInfo the v1 TaskInfo JSON as the framework sent it
 * @param role the role its resources were allocated to
 * @param sandbox the sandbox directory
 */
public record TaskCheckpoint(String frameworkId, String taskId, JsonNode taskInfo, String role, String containerId,
    ContainerKind kind, String sandbox) {
  public TaskCheckpoint {
    Objects.requireNonNull(frameworkId, "frameworkId");
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(taskInfo, "taskInfo");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(containerId, "containerId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(sandbox, "sandbox");
  }
}
