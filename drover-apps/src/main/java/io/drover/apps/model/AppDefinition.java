package io.drover.apps.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A canonical (normalized) Marathon app definition: every field of the reference §2 with its default filled in.
 * Legacy input forms ({@code ports}, {@code uris}, {@code ipAddress}, {@code container.docker.network},
 * {@code container.docker.portMappings}) never appear here; {@link AppJson} maps them on parse.
 *
 * <p>Units: {@code cpus} shares, {@code memMb}/{@code diskMb} MB (JSON {@code mem}/{@code disk}).
 * {@code user} empty = the framework's user; {@code acceptedResourceRoles} empty = the configured default.
 * {@code versionInfo} is empty until the app is stored by a deployment. Opaque JSON passthroughs
 * ({@code secrets}, {@code check}, {@code resourceLimits}, {@code executorResources}, {@code residency}) are
 * stored and shown but not interpreted.
 */
public record AppDefinition(
    PathId id,
    Optional<String> cmd,
    List<String> args,
    Optional<String> user,
    Map<String, EnvValue> env,
    Map<String, String> labels,
    int instances,
    double cpus,
    double memMb,
    double diskMb,
    int gpus,
    String executor,
    List<Constraint> constraints,
    List<PortDefinition> portDefinitions,
    boolean requirePorts,
    long backoffSeconds,
    double backoffFactor,
    long maxLaunchDelaySeconds,
    Optional<Container> container,
    List<HealthCheck> healthChecks,
    List<ReadinessCheck> readinessChecks,
    List<PathId> dependencies,
    UpgradeStrategy upgradeStrategy,
    List<FetchUri> fetch,
    Optional<List<String>> acceptedResourceRoles,
    List<Network> networks,
    KillSelection killSelection,
    UnreachableStrategy unreachableStrategy,
    Optional<Long> taskKillGracePeriodSeconds,
    String role,
    Optional<Boolean> tty,
    Map<String, JsonNode> secrets,
    Optional<JsonNode> check,
    Optional<JsonNode> resourceLimits,
    Optional<JsonNode> executorResources,
    Optional<JsonNode> residency,
    Optional<VersionInfo> versionInfo) {

  public static final int DEFAULT_INSTANCES = 1;
  public static final double DEFAULT_CPUS = 1.0;
  public static final double DEFAULT_MEM_MB = 128.0;
  public static final double DEFAULT_DISK_MB = 0.0;
  public static final long DEFAULT_BACKOFF_SECONDS = 1;
  public static final double DEFAULT_BACKOFF_FACTOR = 1.15;
  public static final long DEFAULT_MAX_LAUNCH_DELAY_SECONDS = 300;
  /** Marathon's default role ({@code --mesos_role} default). */
  public static final String DEFAULT_ROLE = "*";
  /** The label that makes an app a single-instance app (at most 1 instance, upgrade strategy {0,0}). */
  public static final String LABEL_SINGLE_INSTANCE_APP = "MARATHON_SINGLE_INSTANCE_APP";

  public AppDefinition {
    args = List.copyOf(args);
    env = ordered(env);
    labels = ordered(labels);
    constraints = List.copyOf(constraints);
    portDefinitions = List.copyOf(portDefinitions);
    healthChecks = List.copyOf(healthChecks);
    readinessChecks = List.copyOf(readinessChecks);
    dependencies = List.copyOf(dependencies);
    fetch = List.copyOf(fetch);
    acceptedResourceRoles = acceptedResourceRoles.map(List::copyOf);
    networks = List.copyOf(networks);
    secrets = ordered(secrets);
    if (networks.isEmpty()) throw new IllegalArgumentException("an app needs at least one network");
  }

  static <K, V> Map<K, V> ordered(Map<K, V> m) { return Collections.unmodifiableMap(new LinkedHashMap<>(m)); }

  /** A builder with every default of reference §2 (host networking, one {@code default} port). */
  public static AppDefinitionBuilder builder(PathId id) { return new AppDefinitionBuilder(id); }

  public AppDefinitionBuilder toBuilder() { return new AppDefinitionBuilder(this); }

  /** The current version, if stored. */
  public Optional<Timestamp> version() { return versionInfo.map(VersionInfo::version); }

  public boolean hasHostNetworking() { return networks.stream().allMatch(n -> n.mode() == Network.Mode.HOST); }

  /** Whether the app uses local persistent volumes. */
  public boolean isResident() { return container.map(Container::hasPersistentVolumes).orElse(false); }

  public boolean isSingleInstance() { return "true".equals(labels.get(LABEL_SINGLE_INSTANCE_APP)); }

  /**
   * The port requests tasks get, in index order: the container's port mappings if it has any, else the port
   * definitions (Marathon's {@code portIndices}); health check {@code portIndex} and {@code PORT<n>} refer to them.
   */
  public int portCount() {
    return container.filter(c -> !c.portMappings().isEmpty()).map(c -> c.portMappings().size())
        .orElse(portDefinitions.size());
  }

  /** Service ports in index order (port definitions' ports, or port mappings' service ports). */
  public List<Integer> servicePorts() {
    return container.filter(c -> !c.portMappings().isEmpty())
        .map(c -> c.portMappings().stream().map(PortMapping::servicePort).toList())
        .orElseGet(() -> portDefinitions.stream().map(PortDefinition::port).toList());
  }

  public AppDefinition withInstances(int n) { return toBuilder().instances(n).build(); }

  public AppDefinition withVersionInfo(VersionInfo vi) { return toBuilder().versionInfo(Optional.of(vi)).build(); }
}
