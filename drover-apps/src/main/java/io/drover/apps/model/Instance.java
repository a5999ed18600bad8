package io.drover.apps.model;

import java.util.List;
import java.util.Optional;

/**
 * What the API shows of one instance (one app task): where it runs, its ports, its Mesos state and its health.
 *
 * @param taskId the current task (launch) of the instance
 * @param runSpecVersion the app version it was launched with
 * @param hostPorts ports allocated on the agent, in port index order
 * @param servicePorts the app's service ports at launch, in port index order
 * @param state the Mesos task state name, e.g. {@code TASK_RUNNING}
 * @param healthResults one entry per health check, in the app's health check order
 */
public record Instance(InstanceId instanceId, TaskId taskId, Timestamp runSpecVersion, String agentId, String host,
    List<Integer> hostPorts, List<Integer> servicePorts, List<IpAddress> ipAddresses, String state,
    Timestamp stagedAt, Optional<Timestamp> startedAt, List<HealthResult> healthResults, String role,
    Optional<String> region, Optional<String> zone) {

  public Instance {
    hostPorts = List.copyOf(hostPorts);
    servicePorts = List.copyOf(servicePorts);
    ipAddresses = List.copyOf(ipAddresses);
    healthResults = List.copyOf(healthResults);
    if (!taskId.instanceId().equals(instanceId)) throw new IllegalArgumentException(taskId + " is not of " + instanceId);
  }

  public PathId appId() { return instanceId.appId(); }

  /** An address of the task, {@code protocol} {@code IPv4} or {@code IPv6}. */
  public record IpAddress(String ipAddress, String protocol) {}

  /** The state of one health check for this instance. */
  public record HealthResult(boolean alive, int consecutiveFailures, Optional<Timestamp> firstSuccess,
      Optional<Timestamp> lastSuccess, Optional<Timestamp> lastFailure, Optional<String> lastFailureCause,
      InstanceId instanceId) {}
}
