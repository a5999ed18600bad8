package io.drover.master.cluster;

/**
 * Settings named after the Mesos master flags.
 *
 * @param pingTimeoutMs {@code --agent_ping_timeout} (15 s)
 * @param maxMissedPings {@code --max_agent_ping_timeouts} (5): an agent silent for
 *     {@code pingTimeoutMs * maxMissedPings} is marked unreachable
 * @param heartbeatIntervalSeconds sent in SUBSCRIBED (15)
 * @param maxCompletedTasks how many terminal tasks the core remembers for the operator view (oldest dropped)
 * @param agentReregisterTimeoutMs {@code --agent_reregister_timeout} (10 min): after a master failover, a recovered
 *     agent that has not re-registered by then is marked unreachable
 */
public record ClusterConfig(long pingTimeoutMs, int maxMissedPings, double heartbeatIntervalSeconds,
    int maxCompletedTasks, long agentReregisterTimeoutMs) {
  public static final long DEFAULT_PING_TIMEOUT_MS = 15_000;
  public static final int DEFAULT_MAX_MISSED_PINGS = 5;

  public ClusterConfig {
    if (pingTimeoutMs <= 0 || maxMissedPings <= 0) throw new IllegalArgumentException("ping settings must be > 0");
    if (maxCompletedTasks < 0) throw new IllegalArgumentException("maxCompletedTasks must be >= 0");
  }

  public static ClusterConfig defaults() {
    return new ClusterConfig(DEFAULT_PING_TIMEOUT_MS, DEFAULT_MAX_MISSED_PINGS, 15.0, 1000, 600_000);
  }

  public long agentTimeoutMs() { return pingTimeoutMs * maxMissedPings; }
}
