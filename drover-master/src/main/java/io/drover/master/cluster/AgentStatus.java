package io.drover.master.cluster;

/** Where an agent stands in the master's registry (mesos.md §3). */
public enum AgentStatus {
  /** Admitted and connected (registered or re-registered with this master). */
  REGISTERED,
  /** In the recovered registry after master failover, but not re-registered yet: reconciliation stays silent. */
  RECOVERED,
  /** Missed too many pings; its tasks are TASK_UNREACHABLE / TASK_LOST. It may come back. */
  UNREACHABLE,
  /** Marked gone by the operator; never comes back under this id. */
  GONE
}
