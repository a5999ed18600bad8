package io.drover.agent.status;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The part of {@code mesos.v1.ContainerStatus} Drover fills in: the container, the IP addresses it is reachable at
 * (the proto's {@code network_infos[].ip_addresses[].ip_address}) and the executor's pid.
 */
public record ContainerStatus(Optional<String> containerId, List<String> ipAddresses, OptionalLong executorPid) {
  public ContainerStatus {
    containerId = containerId == null ? Optional.empty() : containerId;
    ipAddresses = ipAddresses == null ? List.of() : List.copyOf(ipAddresses);
    executorPid = executorPid == null ? OptionalLong.empty() : executorPid;
    ipAddresses.forEach(Objects::requireNonNull);
  }

  public static ContainerStatus of(String containerId, List<String> ipAddresses) {
    return new ContainerStatus(Optional.of(containerId), ipAddresses, OptionalLong.empty());
  }
}
