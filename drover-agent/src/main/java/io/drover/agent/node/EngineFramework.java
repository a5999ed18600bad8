package io.drover.agent.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.master.api.v1.ApiJson;
import io.drover.master.api.v1.FrameworkInfo;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A framework with tasks on this agent; confined to the engine thread. */
final class EngineFramework {
  private static final Logger LOG = LoggerFactory.getLogger(EngineFramework.class);
  /** Completed tasks kept per framework for {@code /state} (Mesos keeps 1000 per executor). */
  static final int MAX_COMPLETED_TASKS = 1000;

  final String frameworkId;
  JsonNode infoJson;
  FrameworkInfo info;
  final Map<String, EngineTask> tasks = new LinkedHashMap<>();
  final Deque<EngineTask> completed = new ArrayDeque<>();

  EngineFramework(String frameworkId, JsonNode infoJson) {
    this.frameworkId = frameworkId;
    setInfo(infoJson);
  }

  /** The framework's v1 FrameworkInfo as LAUNCH carried it; unreadable means "not checkpointing". */
  void setInfo(JsonNode json) {
    infoJson = json;
    info = null;
    if (json == null) {
      return;
    }
    try {
      info = ApiJson.mapper().treeToValue(json, FrameworkInfo.class);
    } catch (IOException | IllegalArgumentException e) {
      LOG.warn("unreadable framework_info of {}; treating it as not checkpointing: {}", frameworkId, e.getMessage());
    }
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
