package io.drover.master.cluster;

import io.drover.common.mesos.TaskState;
import io.drover.common.mesos.TaskStatusReason;
import io.drover.common.mesos.TaskStatusSource;
import io.drover.master.cluster.Command.ReconcileTask;
import io.drover.master.cluster.Records.AgentRecord;
import io.drover.master.cluster.Records.FrameworkRecord;
import io.drover.master.cluster.Records.TaskRecord;
import java.util.List;

/**
 * Task reconciliation (mesos.md §3). Replies are master-generated UPDATEs with REASON_RECONCILIATION and no uuid.
 *
 * <p>Explicit, per task: a known task answers its latest state. An unknown task answers by its agent: registered
 * → TASK_GONE, unreachable → TASK_UNREACHABLE, gone → TASK_GONE_BY_OPERATOR, unknown (or no agent given) →
 * TASK_UNKNOWN; a recovered agent that has not re-registered (or, without an agent id, any such agent) → no reply.
 * Frameworks that are not partition-aware get TASK_LOST instead of each of these. Implicit (no tasks): every known
 * task of the framework with its latest state.
 */
final class Reconciliation {
  private Reconciliation() {}

  static void reconcile(ClusterCore core, FrameworkRecord fw, List<ReconcileTask> tasks, long nowMs,
      List<Effect> out) {
    if (tasks.isEmpty()) {
      for (TaskRecord t : fw.tasks.values()) core.update(fw, reply(fw, t, nowMs), out);
      return;
    }
    for (ReconcileTask rt : tasks) {
      TaskRecord t = fw.tasks.get(rt.taskId());
      if (t != null) {
        core.update(fw, reply(fw, t, nowMs), out);
        continue;
      }
      TaskState state;
      if (rt.agentId() != null && core.agents.containsKey(rt.agentId())) {
        AgentRecord a = core.agents.get(rt.agentId());
        state = switch (a.status) {
          case REGISTERED -> TaskState.TASK_GONE;
          case UNREACHABLE -> TaskState.TASK_UNREACHABLE;
          case GONE -> TaskState.TASK_GONE_BY_OPERATOR;
          case RECOVERED -> null;
        };
      } else if (rt.agentId() == null && core.agents.values().stream()
          .anyMatch(a -> a.status == AgentStatus.RECOVERED)) {
        state = null;
      } else {
        state = TaskState.TASK_UNKNOWN;
      }
      if (state == null) continue; // the agent may still report the task: stay silent
      if (!fw.partitionAware()) state = TaskState.TASK_LOST;
      core.update(fw, TaskStatus.fromMaster(rt.taskId(), state, TaskStatusReason.REASON_RECONCILIATION,
          "Reconciliation: task is unknown", rt.agentId(), nowMs), out);
    }
  }

  private static TaskStatus reply(FrameworkRecord fw, TaskRecord t, long nowMs) {
    TaskStatus s = visible(fw, t.latest);
    return new TaskStatus(t.taskId, s.state(), TaskStatusSource.SOURCE_MASTER, TaskStatusReason.REASON_RECONCILIATION,
        "Reconciliation: latest task state", t.agentId, nowMs, null, s.healthy(), s.unreachableTimeMs());
  }

  /** What a framework is told: TASK_UNREACHABLE becomes TASK_LOST for frameworks that are not partition-aware. */
  static TaskStatus visible(FrameworkRecord fw, TaskStatus status) {
    if (status.state() == TaskState.TASK_UNREACHABLE && !fw.partitionAware()) {
      return status.withState(TaskState.TASK_LOST);
    }
    return status;
  }
}
