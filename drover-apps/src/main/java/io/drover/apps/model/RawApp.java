package io.drover.apps.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An app body as written, before normalization: every field optional (absent = not given), legacy fields
 * included. Produced by {@link RawAppReader}, turned canonical by {@link AppNormalization}.
 */
record RawApp(
    Optional<String> id,
    Optional<String> cmd,
    Optional<List<String>> args,
    Optional<String> user,
    Optional<Map<String, EnvValue>> env,
    Optional<Map<String, String>> labels,
    Optional<Integer> instances,
    Optional<Double> cpus,
    Optional<Double> mem,
    Optional<Double> disk,
    Optional<Integer> gpus,
    Optional<String> executor,
    Optional<List<Constraint>> constraints,
    Optional<List<PortDefinition>> portDefinitions,
    Optional<List<Integer>> ports,
    Optional<Boolean> requirePorts,
    Optional<Long> backoffSeconds,
    Optional<Double> backoffFactor,
    Optional<Long> maxLaunchDelaySeconds,
    Optional<RawContainer> container,
    Optional<List<HealthCheck>> healthChecks,
    Optional<List<ReadinessCheck>> readinessChecks,
    Optional<List<String>> dependencies,
    Optional<RawUpgradeStrategy> upgradeStrategy,
    Optional<List<FetchUri>> fetch,
    Optional<List<String>> uris,
    Optional<List<String>> acceptedResourceRoles,
    Optional<List<Network>> networks,
    Optional<RawIpAddress> ipAddress,
    Optional<KillSelection> killSelection,
    Optional<UnreachableStrategy> unreachableStrategy,
    Optional<Long> taskKillGracePeriodSeconds,
    Optional<String> role,
    Optional<Boolean> tty,
    Optional<Map<String, JsonNode>> secrets,
    Optional<JsonNode> check,
    Optional<JsonNode> resourceLimits,
    Optional<JsonNode> executorResources,
    Optional<JsonNode> residency,
    Optional<Timestamp> version,
    Optional<VersionInfo> versionInfo) {

  /** {@code container} as written; {@code docker.network} and {@code docker.portMappings} are legacy. */
  record RawContainer(Container.Type type, Optional<RawDocker> docker, Optional<List<PortMapping>> portMappings,
      List<JsonNode> volumes) {}

  record RawDocker(Optional<String> image, Optional<String> network, Optional<List<PortMapping>> portMappings,
      boolean privileged, List<Container.Parameter> parameters, boolean forcePullImage,
      Optional<JsonNode> credential, Optional<JsonNode> pullConfig) {}

  record RawUpgradeStrategy(Optional<Double> minimumHealthCapacity, Optional<Double> maximumOverCapacity) {}

  /** Deprecated {@code ipAddress} (IP per container). */
  record RawIpAddress(Optional<String> networkName, Map<String, String> labels, List<PortMapping> discoveryPorts) {}
}
