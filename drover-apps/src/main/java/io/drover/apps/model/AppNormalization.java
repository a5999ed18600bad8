package io.drover.apps.model;

import io.drover.apps.model.RawApp.RawContainer;
import io.drover.apps.model.RawApp.RawDocker;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a {@link RawApp} into a canonical {@link AppDefinition} the way Marathon's {@code AppNormalization} does
 * (deprecated API first, then defaults): legacy {@code ports} → {@code portDefinitions}; {@code uris} →
 * {@code fetch}; {@code ipAddress} / {@code container.docker.network} → {@code networks};
 * {@code container.docker.portMappings} → {@code container.portMappings}; host networking without ports gets one
 * {@code default} port; non-host networking drops port definitions and gets port mappings (missing bridge host
 * ports become 0); health checks get {@code portIndex 0} when the app declares ports; unreachable strategy, role
 * and networks get their defaults. Conflicting legacy/canonical input yields violations (422), as Marathon's
 * deprecated-API validation and {@code NormalizationException} do.
 */
final class AppNormalization {
  private AppNormalization() {}

  /** Either the canonical app or the violations that prevent it. */
  record Result(Optional<AppDefinition> app, List<Violation> violations) {}

  static Result normalize(RawApp raw, PathId id, PathId base, String defaultRole) {
    List<Violation> vs = new ArrayList<>();
    deprecatedApiRules(raw, vs);

    List<Network> networks = networks(raw, vs);
    boolean nonHost = networks.stream().anyMatch(n -> n.mode() != Network.Mode.HOST);

    List<FetchUri> fetch = raw.fetch().orElse(List.of());
    if (raw.uris().isPresent() && !raw.uris().get().isEmpty() && fetch.isEmpty()) {
      fetch = raw.uris().get().stream().map(FetchUri::fromLegacyUri).toList();
    }

    Optional<List<PortDefinition>> migratedPorts = raw.portDefinitions()
        .or(() -> raw.ports().map(ps -> ps.stream().map(PortDefinition::of).toList()));
    List<PortDefinition> portDefinitions = nonHost ? List.of() : migratedPorts.orElse(List.of(PortDefinition.DEFAULT));

    Optional<RawContainer> rawContainer = raw.container()
        .or(() -> raw.ipAddress().map(ip -> new RawContainer(Container.Type.MESOS, Optional.empty(), Optional.empty(), List.of())));
    Optional<Container> container = rawContainer.map(c -> container(c, raw, networks, migratedPorts, vs));
    if (container.isEmpty() && nonHost) {
      container = Optional.of(new Container(Container.Type.MESOS, Optional.empty(), List.of(PortMapping.DEFAULT), List.of()));
    }
    boolean bridge = networks.stream().anyMatch(n -> n.mode() == Network.Mode.CONTAINER_BRIDGE);
    if (bridge) {
      container = container.map(c -> c.withPortMappings(c.portMappings().stream()
          .map(pm -> pm.hostPort().isPresent() ? pm : pm.withHostPort(Optional.of(0))).toList()));
    }

    boolean declaresPorts = raw.portDefinitions().map(l -> !l.isEmpty()).orElse(false)
        || container.map(c -> !c.portMappings().isEmpty()).orElse(false);
    List<HealthCheck> healthChecks = raw.healthChecks().orElse(List.of()).stream()
        .map(hc -> declaresPorts && hc.protocol() != HealthCheck.Protocol.COMMAND && hc.port().isEmpty()
            && hc.portIndex().isEmpty() ? hc.withPortIndex(Optional.of(0)) : hc)
        .toList();

    boolean resident = container.map(Container::hasPersistentVolumes).orElse(false);
    UpgradeStrategy defaultUpgrade = resident ? UpgradeStrategy.RESIDENT : UpgradeStrategy.DEFAULT;
    UpgradeStrategy upgrade = raw.upgradeStrategy()
        .map(u -> new UpgradeStrategy(u.minimumHealthCapacity().orElse(defaultUpgrade.minimumHealthCapacity()),
            u.maximumOverCapacity().orElse(defaultUpgrade.maximumOverCapacity())))
        .orElse(defaultUpgrade);

    // Like Marathon's withCanonizedIds: relative dependencies resolve against the group the body was sent to.
    List<PathId> dependencies = raw.dependencies().orElse(List.of()).stream().map(base::resolve).distinct().toList();

    Optional<VersionInfo> versionInfo = raw.versionInfo().or(() -> raw.version().map(VersionInfo::initial))
        .map(vi -> raw.version().map(v -> new VersionInfo(v, vi.lastScalingAt(), vi.lastConfigChangeAt())).orElse(vi));

    if (!vs.isEmpty()) return new Result(Optional.empty(), vs);
    AppDefinition app = AppDefinition.builder(id)
        .cmd(raw.cmd())
        .args(raw.args().orElse(List.of()))
        .user(raw.user())
        .env(raw.env().orElse(Map.of()))
        .labels(raw.labels().orElse(Map.of()))
        .instances(raw.instances().orElse(AppDefinition.DEFAULT_INSTANCES))
        .cpus(raw.cpus().orElse(AppDefinition.DEFAULT_CPUS))
        .memMb(raw.mem().orElse(AppDefinition.DEFAULT_MEM_MB))
        .diskMb(raw.disk().orElse(AppDefinition.DEFAULT_DISK_MB))
        .gpus(raw.gpus().orElse(0))
        .executor(raw.executor().orElse(""))
        .constraints(raw.constraints().orElse(List.of()))
        .portDefinitions(portDefinitions)
        .requirePorts(!nonHost && raw.requirePorts().orElse(false))
        .backoffSeconds(raw.backoffSeconds().orElse(AppDefinition.DEFAULT_BACKOFF_SECONDS))
        .backoffFactor(raw.backoffFactor().orElse(AppDefinition.DEFAULT_BACKOFF_FACTOR))
        .maxLaunchDelaySeconds(raw.maxLaunchDelaySeconds().orElse(AppDefinition.DEFAULT_MAX_LAUNCH_DELAY_SECONDS))
        .container(container)
        .healthChecks(healthChecks)
        .readinessChecks(raw.readinessChecks().orElse(List.of()))
        .dependencies(dependencies)
        .upgradeStrategy(upgrade)
        .fetch(fetch)
        .acceptedResourceRoles(raw.acceptedResourceRoles())
        .networks(networks)
        .killSelection(raw.killSelection().orElse(KillSelection.YOUNGEST_FIRST))
        .unreachableStrategy(raw.unreachableStrategy()
            .orElse(resident ? UnreachableStrategy.DISABLED : UnreachableStrategy.DEFAULT))
        .taskKillGracePeriodSeconds(raw.taskKillGracePeriodSeconds())
        .role(raw.role().orElse(defaultRole))
        .tty(raw.tty())
        .secrets(raw.secrets().orElse(Map.of()))
        .check(raw.check())
        .resourceLimits(raw.resourceLimits())
        .executorResources(raw.executorResources())
        .residency(raw.residency())
        .versionInfo(versionInfo)
        .build();
    return new Result(Optional.of(app), List.of());
  }

  /** Marathon's {@code validateOldAppAPI}: rules about deprecated fields, checked before they are translated. */
  private static void deprecatedApiRules(RawApp raw, List<Violation> vs) {
    boolean dockerNetwork = raw.container().flatMap(RawContainer::docker).flatMap(RawDocker::network).isPresent();
    boolean networksGiven = raw.networks().map(l -> !l.isEmpty()).orElse(false);
    if (raw.uris().map(l -> !l.isEmpty()).orElse(false) && raw.fetch().map(l -> !l.isEmpty()).orElse(false)) {
      vs.add(Violation.of("/uris", "may not be set in conjunction with fetch"));
    }
    if (dockerNetwork && networksGiven) vs.add(Violation.of("/", "must not specify both container.docker.network and networks"));
    if (raw.ipAddress().isPresent() && networksGiven) vs.add(Violation.of("/", "must not specify both networks and ipAddress"));
    List<Integer> ports = raw.ports().orElse(List.of()).stream().filter(p -> p != 0).toList();
    if (new HashSet<>(ports).size() != ports.size()) vs.add(Violation.of("/", "ports must be unique"));
    boolean anyPorts = raw.ports().map(l -> !l.isEmpty()).orElse(false)
        || raw.portDefinitions().map(l -> !l.isEmpty()).orElse(false);
    if (raw.ipAddress().isPresent() && anyPorts) vs.add(Violation.of("/", "cannot specify both an IP address and port"));
    if (raw.ports().isPresent() && raw.portDefinitions().isPresent()
        && !raw.portDefinitions().get().stream().map(PortDefinition::port).toList().equals(raw.ports().get())) {
      vs.add(Violation.of("/", "cannot specify both ports and port definitions"));
    }
  }

  /** Marathon's {@code NetworkTranslation} plus the post-validation default {@code [{"mode":"host"}]}. */
  private static List<Network> networks(RawApp raw, List<Violation> vs) {
    Optional<String> dockerNetwork = raw.container().flatMap(RawContainer::docker).flatMap(RawDocker::network);
    Optional<List<Network>> given = raw.networks().filter(l -> !l.isEmpty());
    List<Network> out;
    if (raw.ipAddress().isPresent() && given.isEmpty()) {
      var ip = raw.ipAddress().get();
      String type = dockerNetwork.orElse("USER");
      out = switch (type) {
        case "HOST" -> List.of(Network.HOST);
        case "BRIDGE" -> List.of(new Network(Network.Mode.CONTAINER_BRIDGE, Optional.empty(), ip.labels()));
        case "USER" -> List.of(new Network(Network.Mode.CONTAINER, ip.networkName(), ip.labels()));
        default -> unsupported(type, vs);
      };
    } else if (dockerNetwork.isPresent() && given.isEmpty()) {
      out = switch (dockerNetwork.get()) {
        case "HOST" -> List.of(Network.HOST);
        case "BRIDGE" -> List.of(Network.BRIDGE);
        case "USER" -> List.of(new Network(Network.Mode.CONTAINER, Optional.empty(), Map.of()));
        default -> unsupported(dockerNetwork.get(), vs);
      };
    } else {
      out = given.orElse(List.of());
    }
    return out.isEmpty() ? List.of(Network.HOST) : out;
  }

  private static List<Network> unsupported(String type, List<Violation> vs) {
    vs.add(Violation.of("/container/docker/network", "unsupported docker network type " + type));
    return List.of(Network.HOST);
  }

  private static Container container(RawContainer c, RawApp raw, List<Network> networks,
      Optional<List<PortDefinition>> migratedPorts, List<Violation> vs) {
    Optional<List<PortMapping>> dockerPms = c.docker().flatMap(RawDocker::portMappings);
    Optional<List<PortMapping>> pms = c.portMappings();
    if (dockerPms.isPresent()) {
      if (pms.map(l -> !l.isEmpty()).orElse(false) && !dockerPms.get().isEmpty()) {
        vs.add(Violation.of("/container", "cannot specify both portMappings and docker.portMappings"));
      } else if (pms.map(List::isEmpty).orElse(true)) {
        pms = dockerPms;
      }
    }
    List<PortMapping> discovery = raw.ipAddress().map(RawApp.RawIpAddress::discoveryPorts).orElse(List.of());
    if (!discovery.isEmpty()) {
      if (c.type() != Container.Type.MESOS) {
        vs.add(Violation.of("/ipAddress", "ipAddress.discovery.ports do not apply for container type " + c.type()));
      } else if (pms.map(l -> !l.isEmpty()).orElse(false)) {
        vs.add(Violation.of("/ipAddress", "container.portMappings and ipAddress.discovery.ports must not both be set"));
      } else {
        pms = Optional.of(discovery);
      }
    }
    boolean hostMode = networks.stream().anyMatch(n -> n.mode() == Network.Mode.HOST);
    List<PortMapping> mappings = new ArrayList<>(hostMode ? List.of() : pms.orElse(List.of()));
    if (!hostMode && mappings.isEmpty()) mappings.add(PortMapping.DEFAULT);
    if (!hostMode) {
      int wanted = migratedPorts.map(List::size).orElse(0);
      while (mappings.size() < wanted) mappings.add(PortMapping.DEFAULT);
    }
    Optional<Container.Docker> docker = c.docker().map(d -> new Container.Docker(d.image().orElse(""), d.privileged(),
        d.parameters(), d.forcePullImage(), d.credential(), d.pullConfig()));
    return new Container(c.type(), docker, mappings, c.volumes());
  }

  /** Names used more than once in {@code names} (ignoring empties). */
  static Set<String> duplicates(List<Optional<String>> names) {
    Set<String> seen = new HashSet<>();
    Set<String> dup = new HashSet<>();
    for (Optional<String> n : names) n.ifPresent(s -> { if (!seen.add(s)) dup.add(s); });
    return dup;
  }
}
