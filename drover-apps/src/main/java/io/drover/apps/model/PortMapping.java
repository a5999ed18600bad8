package io.drover.apps.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A container port mapping (bridge or container networks). {@code hostPort} empty means no host port (container
 * networks only); in bridge mode normalization turns a missing host port into 0 (= any). {@code containerPort} 0
 * in bridge mode means "same as the host port". {@code servicePort} 0 = auto-assign.
 */
public record PortMapping(int containerPort, Optional<Integer> hostPort, int servicePort, String protocol,
    Optional<String> name, Map<String, String> labels, List<String> networkNames) {
  public PortMapping {
    labels = Map.copyOf(labels);
    networkNames = List.copyOf(networkNames);
  }

  /** Marathon's {@code ContainerPortMapping()} default: container port 0, no host port, tcp. */
  public static final PortMapping DEFAULT =
      new PortMapping(0, Optional.empty(), 0, "tcp", Optional.empty(), Map.of(), List.of());

  public PortMapping withHostPort(Optional<Integer> p) {
    return new PortMapping(containerPort, p, servicePort, protocol, name, labels, networkNames);
  }

  public PortMapping withServicePort(int p) {
    return new PortMapping(containerPort, hostPort, p, protocol, name, labels, networkNames);
  }
}
