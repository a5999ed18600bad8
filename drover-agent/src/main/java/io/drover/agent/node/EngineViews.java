package io.drover.agent.node;

import io.drover.master.api.agent.AgentCall;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** What the engine shows of itself: tasks for re-registration and the {@code /state} view. */
final class EngineViews {
  private EngineViews() {}

  /** Every task still in the table (terminal ones included until acknowledged, as Mesos re-registration does). */
  static List<AgentCall.RunningTask> runningTasks(Collection<EngineFramework> frameworks) {
    List<AgentCall.RunningTask> out = new ArrayList<>();
    for (EngineFramework fw : frameworks) {
      for (EngineTask t : fw.tasks.values()) {
        out.add(new AgentCall.RunningTask(t.frameworkId, t.taskId, t.name, t.role, t.resources, t.state.name()));
      }
    }
    return out;
  }

  static AgentTasksView view(Collection<EngineFramework> frameworks, Collection<EngineFramework> completed) {
    return new AgentTasksView(frameworks.stream().map(EngineViews::viewOf).toList(),
        completed.stream().map(EngineViews::viewOf).toList());
  }

  private static AgentTasksView.Framework viewOf(EngineFramework fw) {
    return new AgentTasksView.Framework(fw.frameworkId, fw.infoJson,
        fw.tasks.values().stream().map(EngineViews::viewOf).toList(),
        fw.completed.stream().map(EngineViews::viewOf).toList());
  }

  private static AgentTasksView.Task viewOf(EngineTask t) {
    return new AgentTasksView.Task(t.frameworkId, t.taskId, t.name, t.role, t.state.name(), t.resources,
        t.containerId, t.sandbox, t.taskInfo, t.statusList());
  }
}
