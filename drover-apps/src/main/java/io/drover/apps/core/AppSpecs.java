package io.drover.apps.core;

import io.drover.apps.deploy.RunSpec;
import io.drover.apps.model.AppDefinition;
import io.drover.apps.model.Group;
import io.drover.apps.model.PathId;
import io.drover.apps.model.PortDefinition;
import io.drover.apps.model.PortMapping;
import io.drover.apps.model.Timestamp;
import io.drover.apps.model.VersionInfo;
import io.drover.apps.placement.BackoffPolicy;
import io.drover.apps.placement.Constraint;
import io.drover.apps.placement.PlacementSpec;
import io.drover.apps.placement.PortRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Maps app definitions to the views the planner ({@link RunSpec}) and the matcher ({@link PlacementSpec}) need. */
public final class AppSpecs {
  private AppSpecs() {}

  /**
   * The app's config version: {@code versionInfo.lastConfigChangeAt}, or the version if unstored. An instance launched
   * with another config version is "old" in a rolling restart; a scale-only change keeps it.
   */
  public static Timestamp configVersion(AppDefinition app) {
    return app.versionInfo().map(VersionInfo::lastConfigChangeAt).orElse(Timestamp.ofEpochMs(0));
  }

  /**
   * A digest of every field whose change needs a restart ({@link io.drover.apps.model.AppChanges#isUpgrade}): the
   * definition without instances and version info, with the set-like lists (constraints, health checks,
   * dependencies, accepted roles) sorted. Equal keys iff {@code isUpgrade} is false (for the same id).
   */
  public static String configKey(AppDefinition app) {
    AppDefinition canonical = app.toBuilder()
        .instances(0)
        .versionInfo(Optional.empty())
        .constraints(sorted(app.constraints()))
        .healthChecks(sorted(app.healthChecks()))
        .dependencies(sorted(app.dependencies()))
        .acceptedResourceRoles(app.acceptedResourceRoles().map(AppSpecs::sorted))
        .build();
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static <T> List<T> sorted(List<T> in) {
    List<T> out = new ArrayList<>(in);
    out.sort(Comparator.comparing(Object::toString));
    return out;
  }

  /** The planner view of {@code app} inside {@code root} (dependencies inherited from groups included). */
  public static RunSpec runSpec(AppDefinition app, Group root) {
    Set<String> deps = root.effectiveDependencies(app.id()).stream().map(PathId::toString)
        .collect(Collectors.toSet());
    return new RunSpec(app.id().toString(), configVersion(app).toString(), configKey(app), app.instances(),
        app.upgradeStrategy().minimumHealthCapacity(), app.upgradeStrategy().maximumOverCapacity(), deps,
        app.isResident(), app.killSelection(), !app.healthChecks().isEmpty(), !app.readinessChecks().isEmpty());
  }

  /** Every app of the tree as a run spec, by id. */
  public static Map<String, RunSpec> runSpecs(Group root) {
    Map<String, RunSpec> out = new TreeMap<>();
    for (AppDefinition app : root.transitiveApps()) out.put(app.id().toString(), runSpec(app, root));
    return out;
  }

  public static BackoffPolicy backoff(AppDefinition app) {
    return new BackoffPolicy(app.backoffSeconds(), app.backoffFactor(), app.maxLaunchDelaySeconds());
  }

  /** The matcher view of {@code app}. Constraints that do not parse (validation rejects them) are left out. */
  public static PlacementSpec placement(AppDefinition app) {
    List<PortRequest> ports = new ArrayList<>();
    List<PortMapping> mappings = app.container().map(c -> c.portMappings()).orElse(List.of());
    if (!mappings.isEmpty()) {
      for (PortMapping m : mappings) {
        ports.add(m.hostPort().isEmpty() ? new PortRequest.NoHostPort()
            : m.hostPort().get() == 0 ? new PortRequest.Dynamic() : new PortRequest.Fixed(m.hostPort().get()));
      }
    } else {
      for (PortDefinition d : app.portDefinitions()) {
        ports.add(app.requirePorts() && d.port() > 0 ? new PortRequest.Fixed(d.port()) : new PortRequest.Dynamic());
      }
    }
    List<Constraint> constraints = new ArrayList<>();
    for (io.drover.apps.model.Constraint c : app.constraints()) {
      try {
        Constraint.Operator op = Constraint.Operator.valueOf(c.operator().toUpperCase(Locale.ROOT));
        constraints.add(Constraint.of(c.field(), op, c.value().orElse(null)));
      } catch (IllegalArgumentException e) {
        // Validation refuses unknown operators before an app is stored; an old stored one just does not constrain.
        continue;
      }
    }
    return new PlacementSpec(app.id().toString(), configVersion(app).toString(), app.instances(),
        Math.round(app.cpus() * 1000), (long) Math.ceil(app.memMb()), (long) Math.ceil(app.diskMb()), app.gpus(),
        app.acceptedResourceRoles().map(Set::copyOf).orElse(Set.of()), ports, constraints, app.role());
  }

  /** {@code app} with its service ports replaced by {@code ports} (one per port index). */
  public static AppDefinition withServicePorts(AppDefinition app, List<Integer> ports) {
    List<PortMapping> mappings = app.container().map(c -> c.portMappings()).orElse(List.of());
    if (!mappings.isEmpty()) {
      List<PortMapping> out = new ArrayList<>();
      for (int i = 0; i < mappings.size(); i++) out.add(mappings.get(i).withServicePort(ports.get(i)));
      return app.toBuilder().container(app.container().get().withPortMappings(out)).build();
    }
    List<PortDefinition> out = new ArrayList<>();
    for (int i = 0; i < app.portDefinitions().size(); i++) out.add(app.portDefinitions().get(i).withPort(ports.get(i)));
    return app.toBuilder().portDefinitions(out).build();
  }
}
