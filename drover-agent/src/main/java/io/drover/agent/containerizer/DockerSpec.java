package io.drover.agent.containerizer;

import java.util.List;
import java.util.Objects;

/**
 * The Docker part of a {@link ContainerSpec} (Mesos {@code ContainerInfo.DockerInfo}).
 *
 * @param image image reference, e.g. {@code drover-test/busybox:latest}; {@code :latest} is implied
 * @param network HOST, BRIDGE or NONE
 * @param portMappings host to container port mappings; only with BRIDGE, host ports must be offered
 * @param privileged run privileged; refused unless the agent allows it
 * @param parameters {@code docker run} style options, see {@link DockerContainerizer#SUPPORTED_PARAMETERS}
 * @param forcePullImage pull the image even when it is present locally; a failed pull fails the launch
 */
public record DockerSpec(
    String image,
    Network network,
    List<PortMapping> portMappings,
    boolean privileged,
    List<Parameter> parameters,
    boolean forcePullImage) {

  public DockerSpec {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(network, "network");
    portMappings = List.copyOf(portMappings);
    parameters = List.copyOf(parameters);
  }

  /** A BRIDGE container of {@code image} with nothing else set. */
  public static DockerSpec of(String image) {
    return new DockerSpec(image, Network.BRIDGE, List.of(), false, List.of(), false);
  }

  public DockerSpec withNetwork(Network n) {
    return new DockerSpec(image, n, portMappings, privileged, parameters, forcePullImage);
  }

  public DockerSpec withPortMappings(List<PortMapping> p) {
    return new DockerSpec(image, network, p, privileged, parameters, forcePullImage);
  }

  public DockerSpec withPrivileged(boolean p) {
    return new DockerSpec(image, network, portMappings, p, parameters, forcePullImage);
  }

  public DockerSpec withParameters(List<Parameter> p) {
    return new DockerSpec(image, network, portMappings, privileged, p, forcePullImage);
  }

  public DockerSpec withForcePullImage(boolean f) {
    return new DockerSpec(image, network, portMappings, privileged, parameters, f);
  }

  /** Mesos {@code DockerInfo.Network} (USER networks are not supported). */
  public enum Network { HOST, BRIDGE, NONE }

  public enum Protocol { TCP, UDP }

  /** Maps {@code hostPort} on all host addresses to {@code containerPort} in the container. */
  public record PortMapping(int hostPort, int containerPort, Protocol protocol) {
    public PortMapping {
      Objects.requireNonNull(protocol, "protocol");
      if (hostPort < 1 || hostPort > 65535 || containerPort < 1 || containerPort > 65535) {
        throw new IllegalArgumentException("bad port mapping " + hostPort + "->" + containerPort);
      }
    }
  }

  /** One {@code docker run --key value} option; keys may repeat (e.g. several {@code label}s). */
  public record Parameter(String key, String value) {
    public Parameter {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }
  }
}
