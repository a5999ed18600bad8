package io.drover.apps.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Mutable builder for {@link AppDefinition}; starts from reference §2 defaults or from an existing app. */
public final class AppDefinitionBuilder {
  private PathId id;
  private Optional<String> cmd = Optional.empty();
  private List<String> args = List.of();
  private Optional<String> user = Optional.empty();
  private Map<String, EnvValue> env = Map.of();
  private Map<String, String> labels = Map.of();
  private int instances = AppDefinition.DEFAULT_INSTANCES;
  private double cpus = AppDefinition.DEFAULT_CPUS;
  private double memMb = AppDefinition.DEFAULT_MEM_MB;
  private double diskMb = AppDefinition.DEFAULT_DISK_MB;
  private int gpus = 0;
  private String executor = "";
  private List<Constraint> constraints = List.of();
  private List<PortDefinition> portDefinitions = List.of(PortDefinition.DEFAULT);
  private boolean requirePorts = false;
  private long backoffSeconds = AppDefinition.DEFAULT_BACKOFF_SECONDS;
  private double backoffFactor = AppDefinition.DEFAULT_BACKOFF_FACTOR;
  private long maxLaunchDelaySeconds = AppDefinition.DEFAULT_MAX_LAUNCH_DELAY_SECONDS;
  private Optional<Container> container = Optional.empty();
  private List<HealthCheck> healthChecks = List.of();
  private List<ReadinessCheck> readinessChecks = List.of();
  private List<PathId> dependencies = List.of();
  private UpgradeStrategy upgradeStrategy = UpgradeStrategy.DEFAULT;
  private List<FetchUri> fetch = List.of();
  private Optional<List<String>> acceptedResourceRoles = Optional.empty();
  private List<Network> networks = List.of(Network.HOST);
  private KillSelection killSelection = KillSelection.YOUNGEST_FIRST;
  private UnreachableStrategy unreachableStrategy = UnreachableStrategy.DEFAULT;
  private Optional<Long> taskKillGracePeriodSeconds = Optional.empty();
  private String role = AppDefinition.DEFAULT_ROLE;
  private Optional<Boolean> tty = Optional.empty();
  private Map<String, JsonNode> secrets = Map.of();
  private Optional<JsonNode> check = Optional.empty();
  private Optional<JsonNode> resourceLimits = Optional.empty();
  private Optional<JsonNode> executorResources = Optional.empty();
  private Optional<JsonNode> residency = Optional.empty();
  private Optional<VersionInfo> versionInfo = Optional.empty();

  AppDefinitionBuilder(PathId id) { this.id = id; }

  AppDefinitionBuilder(AppDefinition a) {
    this.id = a.id();
    this.cmd = a.cmd();
    this.args = a.args();
    this.user = a.user();
    this.env = a.env();
    this.labels = a.labels();
    this.instances = a.instances();
    this.cpus = a.cpus();
    this.memMb = a.memMb();
    this.diskMb = a.diskMb();
    this.gpus = a.gpus();
    this.executor = a.executor();
    this.constraints = a.constraints();
    this.portDefinitions = a.portDefinitions();
    this.requirePorts = a.requirePorts();
    this.backoffSeconds = a.backoffSeconds();
    this.backoffFactor = a.backoffFactor();
    this.maxLaunchDelaySeconds = a.maxLaunchDelaySeconds();
    this.container = a.container();
    this.healthChecks = a.healthChecks();
    this.readinessChecks = a.readinessChecks();
    this.dependencies = a.dependencies();
    this.upgradeStrategy = a.upgradeStrategy();
    this.fetch = a.fetch();
    this.acceptedResourceRoles = a.acceptedResourceRoles();
    this.networks = a.networks();
    this.killSelection = a.killSelection();
    this.unreachableStrategy = a.unreachableStrategy();
    this.taskKillGracePeriodSeconds = a.taskKillGracePeriodSeconds();
    this.role = a.role();
    this.tty = a.tty();
    this.secrets = a.secrets();
    this.check = a.check();
    this.resourceLimits = a.resourceLimits();
    this.executorResources = a.executorResources();
    this.residency = a.residency();
    this.versionInfo = a.versionInfo();
  }

  public AppDefinitionBuilder id(PathId v) { this.id = v; return this; }

  public AppDefinitionBuilder cmd(Optional<String> v) { this.cmd = v; return this; }

  public AppDefinitionBuilder args(List<String> v) { this.args = v; return this; }

  public AppDefinitionBuilder user(Optional<String> v) { this.user = v; return this; }

  public AppDefinitionBuilder env(Map<String, EnvValue> v) { this.env = v; return this; }

  public AppDefinitionBuilder labels(Map<String, String> v) { this.labels = v; return this; }

  public AppDefinitionBuilder instances(int v) { this.instances = v; return this; }

  public AppDefinitionBuilder cpus(double v) { this.cpus = v; return this; }

  public AppDefinitionBuilder memMb(double v) { this.memMb = v; return this; }

  public AppDefinitionBuilder diskMb(double v) { this.diskMb = v; return this; }

  public AppDefinitionBuilder gpus(int v) { this.gpus = v; return this; }

  public AppDefinitionBuilder executor(String v) { this.executor = v; return this; }

  public AppDefinitionBuilder constraints(List<Constraint> v) { this.constraints = v; return this; }

  public AppDefinitionBuilder portDefinitions(List<PortDefinition> v) { this.portDefinitions = v; return this; }

  public AppDefinitionBuilder requirePorts(boolean v) { this.requirePorts = v; return this; }

  public AppDefinitionBuilder backoffSeconds(long v) { this.backoffSeconds = v; return this; }

  public AppDefinitionBuilder backoffFactor(double v) { this.backoffFactor = v; return this; }

  public AppDefinitionBuilder maxLaunchDelaySeconds(long v) { this.maxLaunchDelaySeconds = v; return this; }

  public AppDefinitionBuilder container(Optional<Container> v) { this.container = v; return this; }

  public AppDefinitionBuilder healthChecks(List<HealthCheck> v) { this.healthChecks = v; return this; }

  public AppDefinitionBuilder readinessChecks(List<ReadinessCheck> v) { this.readinessChecks = v; return this; }

  public AppDefinitionBuilder dependencies(List<PathId> v) { this.dependencies = v; return this; }

  public AppDefinitionBuilder upgradeStrategy(UpgradeStrategy v) { this.upgradeStrategy = v; return this; }

  public AppDefinitionBuilder fetch(List<FetchUri> v) { this.fetch = v; return this; }

  public AppDefinitionBuilder acceptedResourceRoles(Optional<List<String>> v) { this.acceptedResourceRoles = v; return this; }

  public AppDefinitionBuilder networks(List<Network> v) { this.networks = v; return this; }

  public AppDefinitionBuilder killSelection(KillSelection v) { this.killSelection = v; return this; }

  public AppDefinitionBuilder unreachableStrategy(UnreachableStrategy v) { this.unreachableStrategy = v; return this; }

  public AppDefinitionBuilder taskKillGracePeriodSeconds(Optional<Long> v) { this.taskKillGracePeriodSeconds = v; return this; }

  public AppDefinitionBuilder role(String v) { this.role = v; return this; }

  public AppDefinitionBuilder tty(Optional<Boolean> v) { this.tty = v; return this; }

  public AppDefinitionBuilder secrets(Map<String, JsonNode> v) { this.secrets = v; return this; }

  public AppDefinitionBuilder check(Optional<JsonNode> v) { this.check = v; return this; }

  public AppDefinitionBuilder resourceLimits(Optional<JsonNode> v) { this.resourceLimits = v; return this; }

  public AppDefinitionBuilder executorResources(Optional<JsonNode> v) { this.executorResources = v; return this; }

  public AppDefinitionBuilder residency(Optional<JsonNode> v) { this.residency = v; return this; }

  public AppDefinitionBuilder versionInfo(Optional<VersionInfo> v) { this.versionInfo = v; return this; }

  public AppDefinitionBuilder cmd(String v) { this.cmd = Optional.of(v); return this; }

  public AppDefinitionBuilder container(Container v) { this.container = Optional.of(v); return this; }

  public AppDefinition build() {
    return new AppDefinition(id, cmd, args, user, env, labels, instances, cpus, memMb, diskMb, gpus, executor, constraints, portDefinitions, requirePorts, backoffSeconds, backoffFactor, maxLaunchDelaySeconds, container, healthChecks, readinessChecks, dependencies, upgradeStrategy, fetch, acceptedResourceRoles, networks, killSelection, unreachableStrategy, taskKillGracePeriodSeconds, role, tty, secrets, check, resourceLimits, executorResources, residency, versionInfo);
  }
}
