package io.drover.agent.node;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;

/**
 * What the agent runs, for {@code /state}: frameworks with their active and completed tasks. The JSON nodes are the
 * Mesos v1 objects as the framework sent them (carried from LAUNCH).
 */
public record AgentTasksView(List<Framework> frameworks, List<Framework> completedFrameworks) {
  public AgentTasksView {
    frameworks = List.copyOf(frameworks);
    completedFrameworks = List.copyOf(completedFrameworks);
  }

  public record Framework(String frameworkId, JsonNode frameworkInfo, List<Task> tasks, List<Task> completedTasks) {
    public Framework {
      tasks = List.copyOf(tasks);
      completedTasks = List.copyOf(completedTasks);
    }
  }

  /**
   * @param state the task's latest state, e.g. {@code TASK_RUNNING}
   * @param resources the task's resources in Mesos text form
   * @param sandbox the task's sandbox directory (served by {@code /files})
   * @param statuses every status update so far, as v1 TaskStatus JSON
   */
  public record Task(String frameworkId, String taskId, String name, String role, String state, String resources,
      String containerId, Path sandbox, JsonNode taskInfo, List<JsonNode> statuses) {
    public Task { statuses = List.copyOf(statuses); }
  }
}
