package io.drover.apps.model;

import java.util.Map;
import java.util.Optional;

/**
 * A host-networking port request. {@code port} is the service port; 0 asks for a cluster-unique one from the
 * service port range.
 */
public record PortDefinition(int port, String protocol, Optional<String> name, Map<String, String> labels) {
  public PortDefinition {
    labels = Map.copyOf(labels);
  }

  /** What Marathon gives an app with host networking and no ports: one random port named {@code default}. */
  public static final PortDefinition DEFAULT = new PortDefinition(0, "tcp", Optional.of("default"), Map.of());

  public static PortDefinition of(int port) { return new PortDefinition(port, "tcp", Optional.empty(), Map.of()); }

  public PortDefinition withPort(int newPort) { return new PortDefinition(newPort, protocol, name, labels); }
}
