package io.drover.master.cluster;

import io.drover.common.mesos.TaskState;
import io.drover.common.mesos.TaskStatusReason;
import io.drover.common.mesos.TaskStatusSource;
import io.drover.master.cluster.Command.ReregisterAgent;
import io.drover.master.cluster.Effect.PersistRegistry;
import io.drover.master.cluster.Effect.RegistryChange;
import io.drover.master.cluster.Effect.SendToAgent;
import io.drover.master.cluster.Records.AgentRecord;
import io.drover.master.cluster.Records.FrameworkRecord;
import io.drover.master.cluster.Records.TaskRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * An agent re-registers with the tasks it runs (mesos.md §3, §4): after a disconnect, a partition, or a master
 * failover (then frameworks are rebuilt from these reports and later resubscriptions).
 *
 * <ul>
 *   <li>A gone agent is told to shut down.
 *   <li>The agent's resources are re-added to the allocator and every reported non-terminal task is marked used
 *       there; frameworks not subscribed yet are kept as placeholders (inactive, suppressed) until they resubscribe.
 *   <li>Coming back from UNREACHABLE: tasks of known frameworks that are not partition-aware are killed
 *       (ShutdownFramework to the agent) and forgotten; they were already reported TASK_LOST.
 *   <li>Tasks the master had on this agent but the agent no longer reports: TASK_GONE to partition-aware
 *       frameworks, TASK_LOST to others (REASON_AGENT_REREGISTERED) - except on a reconnect of an agent that was
 *       registered, where they are kept (launches may be in flight).
 *   <li>A reported task the agent's resources cannot hold is killed rather than over-committing the agent.
 *   <li>A reported task a framework asked to kill is killed again: the first KillTask may have been lost with the
 *       agent's old stream (Mesos resends its {@code killedTasks} the same way).
 * </ul>
 */
final class Reregistration {
  private final ClusterCore core;
  private final ReregisterAgent c;
  private final List<Effect> out;

  Reregistration(ClusterCore core, ReregisterAgent c, List<Effect> out) {
    this.core = core;
    this.c = c;
    this.out = out;
  }

  void run() {
    AgentRecord a = core.agents.get(c.agentId());
    if (a != null && a.status == AgentStatus.GONE) {
      out.add(new SendToAgent(c.agentId(), new AgentMessage.Shutdown("Agent has been marked gone")));
      return;
    }
    AgentStatus previous = a == null ? null : a.status;
    if (a == null) {
      a = new AgentRecord(c.agentId(), c.info(), AgentStatus.REGISTERED, c.nowMs());
      core.agents.put(a.id, a);
    }
    if (core.allocator.agentIds().contains(a.id)) core.removeAgentFromAllocator(a.id, out);
    a.info = c.info();
    a.status = AgentStatus.REGISTERED;
    a.lastSeenMs = c.nowMs();
    if (previous != AgentStatus.REGISTERED) a.registeredMs = c.nowMs(); // operator views only
    a.reregisteredMs = c.nowMs();
    core.allocator.addAgent(a.id, c.info().hostname(), c.info().resources(), c.info().attributes());
    // A recovered agent is already admitted in the registry: after a failover, its re-registration costs no write
    // (a thousand agents coming back at once would otherwise queue a thousand fsynced writes).
    if (previous != AgentStatus.REGISTERED && previous != AgentStatus.RECOVERED) {
      out.add(new PersistRegistry(new RegistryChange(a.id, AgentStatus.REGISTERED, c.info(), c.nowMs())));
    }
    Set<String> shutdown = new TreeSet<>();
    Set<String> reported = new HashSet<>();
    List<Effect> killAgain = new ArrayList<>();
    for (ReportedTask rt : c.tasks()) {
      if (rt.state().isTerminal()) continue;
      FrameworkRecord fw = core.frameworks.get(rt.frameworkId());
      if (previous == AgentStatus.UNREACHABLE && fw != null && !fw.partitionAware()) {
        shutdown.add(fw.id);
        TaskRecord old = fw.tasks.remove(rt.taskId());
        if (old != null) { // the framework was already told TASK_LOST when the agent became unreachable
          old.latest = TaskStatus.fromMaster(old.taskId, TaskState.TASK_LOST, TaskStatusReason.REASON_AGENT_REREGISTERED,
              "Task of a framework that is not partition-aware is killed on re-registered agent " + a.id, a.id,
              c.nowMs());
          core.complete(old);
        }
        continue;
      }
      if (fw == null) {
        fw = new FrameworkRecord(rt.frameworkId(), null);
        core.frameworks.put(fw.id, fw);
      }
      if (!core.allocator.agentFree(a.id).contains(rt.resources())) {
        out.add(new SendToAgent(a.id, new AgentMessage.KillTask(fw.id, rt.taskId())));
        continue;
      }
      TaskRecord t = fw.tasks.get(rt.taskId());
      TaskStatus latest;
      boolean killRequested = false;
      if (t != null && t.agentId.equals(a.id)) {
        latest = t.latest.state() == rt.state() ? t.latest : statusOf(rt);
        killRequested = t.killRequested;
      } else {
        latest = statusOf(rt);
      }
      t = new TaskRecord(rt.taskId(), fw.id, a.id, rt.name(), rt.role(), rt.resources(), latest);
      t.killRequested = killRequested;
      if (killRequested) killAgain.add(new SendToAgent(a.id, new AgentMessage.KillTask(fw.id, t.taskId)));
      fw.tasks.put(t.taskId, t);
      reported.add(fw.id + "\u0000" + t.taskId);
      core.syncAllocatorFramework(fw, core.allocator.frameworkIds().contains(fw.id)
          ? core.allocator.suppressedRoles(fw.id) : Set.of());
      core.allocator.allocated(fw.id, a.id, rt.role(), rt.resources());
    }
    unreported(a, reported, previous == AgentStatus.REGISTERED);
    out.add(new SendToAgent(a.id, new AgentMessage.Reregistered(a.id)));
    for (String fwId : shutdown) out.add(new SendToAgent(a.id, new AgentMessage.ShutdownFramework(fwId)));
    out.addAll(killAgain);
  }

  /**
   * Tasks the master has on this agent that the agent did not report. A reconnect of a registered agent may race
   * launches in flight, so they stay (and stay used) when the agent can hold them; otherwise they are forgotten.
   */
  private void unreported(AgentRecord a, Set<String> reported, boolean keepIfPossible) {
    for (FrameworkRecord fw : core.frameworks.values()) {
      for (var it = fw.tasks.values().iterator(); it.hasNext(); ) {
        TaskRecord t = it.next();
        if (!t.agentId.equals(a.id) || reported.contains(fw.id + "\u0000" + t.taskId)) continue;
        if (keepIfPossible && core.allocator.agentFree(a.id).contains(t.resources)) {
          core.allocator.allocated(fw.id, a.id, t.role, t.resources);
          continue;
        }
        it.remove();
        t.latest = TaskStatus.fromMaster(t.taskId, fw.partitionAware() ? TaskState.TASK_GONE : TaskState.TASK_LOST,
            TaskStatusReason.REASON_AGENT_REREGISTERED, "Task is not on re-registered agent " + a.id, a.id, c.nowMs());
        core.update(fw, t.latest, out);
        core.complete(t);
      }
    }
  }

  private TaskStatus statusOf(ReportedTask rt) {
    return new TaskStatus(rt.taskId(), rt.state(), TaskStatusSource.SOURCE_AGENT, null, null, c.agentId(), c.nowMs(), null,
        null, null);
  }
}
