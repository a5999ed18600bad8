package io.drover.master.cluster;

import io.drover.common.resources.Resources;
import java.util.Objects;

/**
 * A task a framework launches (the parts of {@code TaskInfo} the core validates).
 *
 * @param agentId the agent the framework names; must be the agent of the accepted offers
 * @param command the shell command, or null when the task has an executor instead
 * @param executorId the executor, or null when the task has a command; exactly one of the two is required
 * @param spec the API layer's full TaskInfo (e.g. its JSON), carried untouched to the agent; may be null
 */
public record TaskInfo(String taskId, String name, String agentId, Resources resources, String command,
    String executorId, Object spec) {
  public TaskInfo {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(resources, "resources");
  }

  public static TaskInfo command(String taskId, String agentId, Resources resources, String command) {
    return new TaskInfo(taskId, taskId, agentId, resources, command, null, null);
  }
}
