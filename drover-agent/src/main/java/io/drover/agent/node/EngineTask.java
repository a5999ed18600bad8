package io.drover.agent.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.agent.health.probe.HealthCheckRunner;
import io.drover.agent.launch.TaskPlan;
import io.drover.agent.recovery.ContainerKind;
import io.drover.agent.status.StatusUpdate;
import io.drover.common.mesos.TaskState;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** One task as the engine tracks it; confined to the engine thread. */
final class EngineTask {
  /** Bounds the status history kept for {@code /state} (a flapping health check must not grow it forever). */
  static final int MAX_STATUSES = 100;

  final String frameworkId;
  final String taskId;
  final String name;
  final String role;
  final JsonNode taskInfo;
  final String resources;
  final String containerId;
  final Path sandbox;
  final ContainerKind kind;
  /** Null when the task was rejected before it had a plan. */
  final TaskPlan plan;
  TaskState state = TaskState.TASK_STAGING;
  final Deque<JsonNode> statuses = new ArrayDeque<>();
  /** The latest TASK_RUNNING update, the base of health updates. */
  StatusUpdate running;
  HealthCheckRunner health;
  Boolean lastHealthy;
  boolean killRequested;
  boolean killingSent;
  boolean killedByHealthCheck;
  /** The container ended (or never existed): the terminal update was generated. */
  boolean ended;

  EngineTask(String frameworkId, String taskId, String name, String role, JsonNode taskInfo, String resources,
      String containerId, Path sandbox, ContainerKind kind, TaskPlan plan) {
    this.frameworkId = frameworkId;
    this.taskId = taskId;
    this.name = name;
    this.role = role;
    this.taskInfo = taskInfo;
    this.resources = resources;
    this.containerId = containerId;
    this.sandbox = sandbox;
    this.kind = kind;
    this.plan = plan;
  }

  void recordStatus(JsonNode status) {
    statuses.addLast(status);
    while (statuses.size() > MAX_STATUSES) {
      statuses.removeFirst();
    }
  }

  List<JsonNode> statusList() {
    return List.copyOf(statuses);
  }

  void stopHealth() {
    if (health != null) {
      health.close();
      health = null;
    }
  }
}
