package io.drover.master.cluster;

import io.drover.common.mesos.TaskState;
import java.util.List;
import java.util.Set;

/**
 * Everything that can happen to the master: scheduler calls (carrying the caller's framework id), agent messages,
 * timers. Each carries {@code nowMs} where time matters. Lists and sets are copied.
 */
public sealed interface Command {

  // ---- scheduler API ----

  /**
   * SUBSCRIBE on a new stream {@code streamId} (the driver's {@code Mesos-Stream-Id}). {@code info.id()} null means a
   * new framework; otherwise a resubscription, which keeps the framework's tasks and closes its older stream.
   */
  record Subscribe(FrameworkInfo info, String streamId, Set<String> suppressedRoles, long nowMs) implements Command {
    public Subscribe { suppressedRoles = Set.copyOf(suppressedRoles); }
  }

  /** The stream {@code streamId} broke. Ignored unless it is the framework's current stream. */
  record Disconnect(String frameworkId, String streamId, long nowMs) implements Command {}

  record Teardown(String frameworkId, long nowMs) implements Command {}

  /**
   * ACCEPT with LAUNCH operations (all task infos of all LAUNCH operations, in order). An empty {@code launch} is a
   * decline. Unused resources are recovered with a {@code refuseSeconds} filter (use
   * {@link io.drover.master.allocator.Allocator#DEFAULT_REFUSE_SECONDS} when the call has no filters).
   */
  record Accept(String frameworkId, List<String> offerIds, List<TaskInfo> launch, double refuseSeconds, long nowMs)
      implements Command {
    public Accept {
      offerIds = List.copyOf(offerIds);
      launch = List.copyOf(launch);
    }
  }

  record Decline(String frameworkId, List<String> offerIds, double refuseSeconds, long nowMs) implements Command {
    public Decline { offerIds = List.copyOf(offerIds); }
  }

  /** Empty roles: all of the framework's roles. */
  record Revive(String frameworkId, Set<String> roles) implements Command {
    public Revive { roles = Set.copyOf(roles); }
  }

  /** Empty roles: all of the framework's roles. */
  record Suppress(String frameworkId, Set<String> roles) implements Command {
    public Suppress { roles = Set.copyOf(roles); }
  }

  /** {@code agentId} may be null. */
  record Kill(String frameworkId, String taskId, String agentId, long nowMs) implements Command {}

  record Acknowledge(String frameworkId, String agentId, String taskId, String uuid) implements Command {}

  /** Empty {@code tasks}: implicit reconciliation of every task the master knows for the framework. */
  record Reconcile(String frameworkId, List<ReconcileTask> tasks, long nowMs) implements Command {
    public Reconcile { tasks = List.copyOf(tasks); }
  }

  /** One entry of an explicit RECONCILE; {@code agentId} may be null. */
  record ReconcileTask(String taskId, String agentId) {}

  // ---- agents ----

  /** A new agent asks to register: it gets an id and is admitted (persisted) and offered. */
  record RegisterAgent(AgentInfo info, long nowMs) implements Command {}

  /**
   * An agent with an id re-registers (after a disconnect, a partition or a master failover) with the tasks it runs.
   */
  record ReregisterAgent(String agentId, AgentInfo info, List<ReportedTask> tasks, long nowMs) implements Command {
    public ReregisterAgent { tasks = List.copyOf(tasks); }
  }

  /** The agent answered a ping (or sent any message): it is alive at {@code nowMs}. */
  record AgentPing(String agentId, long nowMs) implements Command {}

  /**
   * A status update forwarded by an agent for a task of {@code frameworkId}. {@code latestState} is the newest state
   * the agent holds for the task (Mesos' {@code latest_state}), null when the agent sent none: when it is terminal
   * the master frees the task's resources at once, while the framework still receives the older updates in order.
   */
  record StatusUpdate(String frameworkId, TaskStatus status, TaskState latestState, long nowMs) implements Command {
    public StatusUpdate(String frameworkId, TaskStatus status, long nowMs) { this(frameworkId, status, null, nowMs); }
  }

  /** Operator MARK_AGENT_GONE. */
  record MarkAgentGone(String agentId, long nowMs) implements Command {}

  /**
   * After master failover: the registry read from ZooKeeper. Admitted agents become {@link AgentStatus#RECOVERED},
   * the rest keep their status. Only valid on a core that has no agents yet.
   */
  record RecoverRegistry(List<String> admitted, List<String> unreachable, List<String> gone, long nowMs)
      implements Command {
    public RecoverRegistry {
      admitted = List.copyOf(admitted);
      unreachable = List.copyOf(unreachable);
      gone = List.copyOf(gone);
    }
  }

  // ---- timers ----

  /** Checks agent ping deadlines and framework failover deadlines. */
  record Tick(long nowMs) implements Command {}

  /** One allocation cycle: new offers go out. */
  record Allocate(long nowMs) implements Command {}
}
