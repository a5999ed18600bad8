package io.drover.master.api.operator;

import static io.drover.master.api.operator.JsonParts.array;
import static io.drover.master.api.operator.JsonParts.id;
import static io.drover.master.api.operator.JsonParts.object;
import static io.drover.master.api.operator.JsonParts.seconds;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.common.mesos.TaskState;
import io.drover.common.mesos.TaskStatusSource;
import io.drover.master.cluster.Task;
import io.drover.master.cluster.TaskStatus;

/**
 * Tasks and task statuses, as the v1 {@code Task}/{@code TaskStatus} messages and as the legacy endpoints' task model.
 *
 * <p>The core keeps only a task's latest status, so {@code statuses} holds at most that one. A task that has had no
 * update yet (TASK_STAGING as the master created it at launch) has no {@code statuses} and no
 * {@code status_update_state}, as in Mesos.
 */
final class TaskJson {
  private TaskJson() {}

  /** Whether the task's latest status is a real update (not the STAGING placeholder the master creates at launch). */
  static boolean hasUpdate(TaskStatus s) {
    return !(s.source() == TaskStatusSource.SOURCE_MASTER && s.state() == TaskState.TASK_STAGING);
  }

  /** v1 {@code Task}. */
  static ObjectNode task(Task t) {
    ObjectNode out = object();
    out.put("name", t.name() == null ? t.taskId() : t.name());
    out.set("task_id", id(t.taskId()));
    out.set("framework_id", id(t.frameworkId()));
    out.set("agent_id", id(t.agentId()));
    out.put("state", t.state().name());
    JsonParts.setNonEmpty(out, "resources", JsonParts.resources(t.resources(), t.role()));
    TaskStatus s = t.latestStatus();
    if (hasUpdate(s)) {
      out.set("statuses", array().add(status(s)));
      out.put("status_update_state", s.state().name());
      if (s.uuid() != null) out.put("status_update_uuid", s.uuid());
    }
    return out;
  }

  /** v1 {@code TaskStatus}; {@code uuid} is written as the agent sent it (Base64). */
  static ObjectNode status(TaskStatus s) {
    ObjectNode out = object();
    out.set("task_id", id(s.taskId()));
    out.put("state", s.state().name());
    if (s.message() != null) out.put("message", s.message());
    out.put("source", s.source().name());
    if (s.reason() != null) out.put("reason", s.reason().name());
    if (s.agentId() != null) out.set("agent_id", id(s.agentId()));
    out.put("timestamp", seconds(s.timestampMs()));
    if (s.uuid() != null) out.put("uuid", s.uuid());
    if (s.healthy() != null) out.put("healthy", s.healthy());
    if (s.unreachableTimeMs() != null) out.set("unreachable_time", JsonParts.timeInfo(s.unreachableTimeMs()));
    return out;
  }

  /** The legacy endpoints' task ({@code /master/state}, {@code /master/tasks}). */
  static ObjectNode legacy(Task t) {
    ObjectNode out = object();
    out.put("id", t.taskId());
    out.put("name", t.name() == null ? t.taskId() : t.name());
    out.put("framework_id", t.frameworkId());
    out.put("executor_id", "");
    out.put("slave_id", t.agentId());
    out.put("state", t.state().name());
    out.set("resources", ResourceSummary.of(t.resources()));
    out.put("role", t.role());
    ArrayNode statuses = array();
    TaskStatus s = t.latestStatus();
    if (hasUpdate(s)) {
      ObjectNode status = object().put("state", s.state().name()).put("timestamp", seconds(s.timestampMs()));
      if (s.healthy() != null) status.put("healthy", s.healthy());
      statuses.add(status);
    }
    out.set("statuses", statuses);
    return out;
  }
}
