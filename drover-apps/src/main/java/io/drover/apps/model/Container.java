package io.drover.apps.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * An app's container. DOCKER runs {@code docker.image} on the Docker containerizer; MESOS runs the command (or,
 * with {@code docker}, an image) on the Mesos containerizer. {@code volumes} are kept as given (JSON objects).
 */
public record Container(Type type, Optional<Docker> docker, List<PortMapping> portMappings, List<JsonNode> volumes) {
  public Container {
    portMappings = List.copyOf(portMappings);
    volumes = List.copyOf(volumes);
  }

  /** Containerizer types. */
  public enum Type { DOCKER, MESOS }

  /** Docker image settings. {@code credential}/{@code pullConfig} are opaque JSON. */
  public record Docker(String image, boolean privileged, List<Parameter> parameters, boolean forcePullImage,
      Optional<JsonNode> credential, Optional<JsonNode> pullConfig) {
    public Docker {
      parameters = List.copyOf(parameters);
    }

    public static Docker of(String image) {
      return new Docker(image, false, List.of(), false, Optional.empty(), Optional.empty());
    }
  }

  /** A {@code docker run} option such as {@code {"key":"label","value":"a=b"}}. */
  public record Parameter(String key, String value) {}

  public static Container docker(String image, List<PortMapping> portMappings) {
    return new Container(Type.DOCKER, Optional.of(Docker.of(image)), portMappings, List.of());
  }

  /** Whether any volume is a local persistent volume (which makes the app resident). */
  public boolean hasPersistentVolumes() { return volumes.stream().anyMatch(v -> v.has("persistent")); }

  public Container withPortMappings(List<PortMapping> pms) { return new Container(type, docker, pms, volumes); }
}
