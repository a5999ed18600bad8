package io.drover.agent.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.master.api.v1.FrameworkInfo;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/** A framework with tasks on this agent; confined to the engine thread. */
final class EngineFramework {
  /** Completed tasks kept per framework for {@code /state} (Mesos keeps 1000 per executor). */
  static final int MAX_COMPLETED_TASKS = 1000;

  final String frameworkId;
  JsonNode infoJson;
  FrameworkInfo info;
  final Map<String, EngineTask> tasks = new LinkedHashMap<>();
  final Deque<EngineTask> completed = new ArrayDeque<>();

  EngineFramework(String frameworkId, JsonNode infoJson, FrameworkInfo info) {
    this.frameworkId = frameworkId;
    this.infoJson = infoJson;
    this.info = info;
  }

  boolean checkpoint() {
    return info != null && Boolean.TRUE.equals(info.checkpoint());
  }

  boolean partitionAware() {
    return info != null && info.hasCapability(FrameworkInfo.CapabilityType.PARTITION_AWARE);
  }

  boolean killingState() {
    return info != null && info.hasCapability(FrameworkInfo.CapabilityType.TASK_KILLING_STATE);
  }

  void complete(EngineTask task) {
    tasks.remove(task.taskId);
    completed.addLast(task);
    while (completed.size() > MAX_COMPLETED_TASKS) {
      completed.removeFirst();
    }
  }
}
