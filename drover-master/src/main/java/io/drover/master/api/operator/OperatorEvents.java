package io.drover.master.api.operator;

import static io.drover.master.api.operator.JsonParts.id;
import static io.drover.master.api.operator.JsonParts.object;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.common.mesos.TaskStatusReason;
import io.drover.master.cluster.AgentMessage;
import io.drover.master.cluster.AgentStatus;
import io.drover.master.cluster.ClusterCore;
import io.drover.master.cluster.Command;
import io.drover.master.cluster.CompletedFramework;
import io.drover.master.cluster.Effect;
import io.drover.master.cluster.FrameworkEvent;
import io.drover.master.cluster.Task;
import io.drover.master.cluster.TaskStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The operator stream's events one command caused, derived from the command, its effects and the core afterwards.
 * Order: FRAMEWORK_ADDED/UPDATED (a successful SUBSCRIBE) first, then one event per effect in effect order
 * (AGENT_ADDED for a registry write to REGISTERED, AGENT_REMOVED for one to UNREACHABLE or GONE, TASK_ADDED for a
 * launch sent to an agent, TASK_UPDATED for a task update sent to a framework), then FRAMEWORK_REMOVED for
 * frameworks the command removed, in removal order.
 *
 * <p>As in Mesos, TASK_UPDATED is only sent for updates that changed a task the master tracks (not for updates
 * about tasks it never accepted, e.g. TASK_ERROR of an invalid launch) and not for reconciliation answers;
 * {@code state} is the task's latest state in the master, which can differ from the update's (TASK_UNREACHABLE vs
 * TASK_LOST for frameworks that are not partition-aware). Mesos' dedupe of repeated same-state updates is not done
 * (the core keeps no status history). Not derived (the core does not expose it): TASK_ADDED for tasks first learnt
 * from a re-registering agent, FRAMEWORK_UPDATED on disconnection.
 */
final class OperatorEvents {
  private OperatorEvents() {}

  static List<JsonNode> events(Command command, List<Effect> effects, ClusterCore after) {
    List<JsonNode> out = new ArrayList<>();
    if (effects.stream().anyMatch(e -> e instanceof Effect.Rejected)) return out;
    if (command instanceof Command.Subscribe) {
      for (Effect e : effects) {
        if (e instanceof Effect.SendToFramework s && s.event() instanceof FrameworkEvent.Subscribed sub) {
          String fw = sub.frameworkId();
          boolean updated = after.frameworkReregisteredTimeMs(fw).isPresent();
          String type = updated ? "FRAMEWORK_UPDATED" : "FRAMEWORK_ADDED";
          out.add(event(type, object().set("framework", ClusterJson.framework(after, fw, false))));
        }
      }
    }
    for (Effect e : effects) {
      switch (e) {
        case Effect.PersistRegistry p -> {
          String agentId = p.change().agentId();
          if (p.change().status() == AgentStatus.REGISTERED
              && after.agentStatus(agentId).orElse(null) == AgentStatus.REGISTERED) {
            out.add(event("AGENT_ADDED", object().set("agent", ClusterJson.agent(after, agentId))));
          } else if (p.change().status() == AgentStatus.UNREACHABLE || p.change().status() == AgentStatus.GONE) {
            out.add(event("AGENT_REMOVED", object().set("agent_id", id(agentId))));
          }
        }
        case Effect.SendToAgent s -> {
          if (s.message() instanceof AgentMessage.LaunchTask launch) {
            after.task(launch.frameworkId(), launch.task().taskId())
                .ifPresent(t -> out.add(event("TASK_ADDED", object().set("task", TaskJson.task(t)))));
          }
        }
        case Effect.SendToFramework s -> {
          if (s.event() instanceof FrameworkEvent.Update u) taskUpdated(s.frameworkId(), u.status(), after, out);
        }
        case Effect.CloseStream c -> { }
        case Effect.Rejected r -> { }
      }
    }
    for (CompletedFramework cf : removedBy(command, after)) {
      out.add(event("FRAMEWORK_REMOVED", object().set("framework_info", ClusterJson.frameworkInfo(cf.info()))));
    }
    return out;
  }

  /**
   * TASK_UPDATED when the update is what the master now holds as the task's latest status (allowing only the state
   * to differ: TASK_LOST or the like shown to a framework that is not partition-aware); so neither an update about
   * another task with the same id (a duplicate launch's TASK_ERROR) nor one about an unknown task is announced.
   */
  private static void taskUpdated(String frameworkId, TaskStatus status, ClusterCore after, List<JsonNode> out) {
    if (status.reason() == TaskStatusReason.REASON_RECONCILIATION) return;
    Optional<Task> task = after.task(frameworkId, status.taskId());
    if (task.isEmpty()) {
      List<Task> completed = after.completedTasks();
      for (int i = completed.size() - 1; i >= 0 && task.isEmpty(); i--) {
        Task t = completed.get(i);
        if (t.frameworkId().equals(frameworkId) && t.taskId().equals(status.taskId())) task = Optional.of(t);
      }
    }
    if (task.isEmpty() || !task.get().latestStatus().withState(status.state()).equals(status)) return;
    ObjectNode payload = object();
    payload.set("framework_id", id(frameworkId));
    payload.set("status", TaskJson.status(status));
    payload.put("state", task.get().state().name());
    out.add(event("TASK_UPDATED", payload));
  }

  /** Frameworks this command removed: the one torn down, or those whose failover timeout a Tick found expired. */
  private static List<CompletedFramework> removedBy(Command command, ClusterCore after) {
    List<CompletedFramework> out = new ArrayList<>();
    for (CompletedFramework cf : after.completedFrameworks()) {
      boolean removed = switch (command) {
        case Command.Teardown t -> cf.id().equals(t.frameworkId()) && cf.removedTimeMs() == t.nowMs()
            && !after.frameworkIds().contains(cf.id());
        case Command.Tick t -> cf.removedTimeMs() == t.nowMs() && cf.disconnected().isPresent()
            && cf.disconnected().getAsLong() + cf.info().failoverTimeoutMs() <= t.nowMs();
        default -> false;
      };
      if (removed) out.add(cf);
    }
    return out;
  }

  static ObjectNode event(String type, JsonNode payload) { return JsonParts.response(type, payload); }
}
