package io.drover.apps.deploy;

import io.drover.apps.model.KillSelection;
import java.util.Objects;
import java.util.Set;

/**
 * The planner-facing view of one app (Marathon's RunSpec), mapped from an AppDefinition by the wiring.
 *
 * @param id canonical absolute path id, e.g. {@code /a/b}
 * @param version the app's version timestamp (ISO-8601, e.g. {@code 2015-09-25T15:13:48.343Z}); an instance whose
 *     version differs from its app's is "old" in a rolling restart. A restart without config change is a new version
 *     with the same {@code configKey}.
 * @param configKey opaque digest of every restart-worthy field (everything but instances and versions): two specs of
 *     one app have equal keys iff going from one to the other needs no restart
 * @param instances target instance count, ≥ 0
 * @param minimumHealthCapacity upgradeStrategy.minimumHealthCapacity in [0,1]
 * @param maximumOverCapacity upgradeStrategy.maximumOverCapacity in [0,1]
 * @param dependencies absolute ids this app depends on, already including dependencies inherited from its groups;
 *     an id naming no app is taken as a group and stands for every app below it; ids matching nothing are ignored
 * @param resident whether the app has persistent volumes (rolling restart kills one more instead of over-capacity)
 * @param killSelection which instances a scale-down kills first among equals
 * @param hasHealthChecks without health checks a RUNNING instance counts as healthy
 * @param hasReadinessChecks without readiness checks an instance is ready as soon as it is healthy
 */
public record RunSpec(
    String id, String version, String configKey, int instances, double minimumHealthCapacity,
    double maximumOverCapacity, Set<String> dependencies, boolean resident, KillSelection killSelection,
    boolean hasHealthChecks, boolean hasReadinessChecks) {

  public RunSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(configKey, "configKey");
    Objects.requireNonNull(killSelection, "killSelection");
    if (!id.startsWith("/")) throw new IllegalArgumentException("id must be absolute: " + id);
    if (instances < 0) throw new IllegalArgumentException("instances must be >= 0: " + instances);
    if (!(minimumHealthCapacity >= 0 && minimumHealthCapacity <= 1)) {
      throw new IllegalArgumentException("minimumHealthCapacity must be in [0,1]: " + minimumHealthCapacity);
    }
    if (!(maximumOverCapacity >= 0 && maximumOverCapacity <= 1)) {
      throw new IllegalArgumentException("maximumOverCapacity must be in [0,1]: " + maximumOverCapacity);
    }
    dependencies = Set.copyOf(dependencies);
  }

  /** A spec with Marathon's defaults: upgradeStrategy {1,1}, YOUNGEST_FIRST, no dependencies, no checks. */
  public static RunSpec of(String id, String version, String configKey, int instances) {
    return new RunSpec(id, version, configKey, instances, 1.0, 1.0, Set.of(), false, KillSelection.YOUNGEST_FIRST,
        false, false);
  }

  public RunSpec withInstances(int newInstances) {
    return new RunSpec(id, version, configKey, newInstances, minimumHealthCapacity, maximumOverCapacity,
        dependencies, resident, killSelection, hasHealthChecks, hasReadinessChecks);
  }

  public RunSpec withVersion(String newVersion) {
    return new RunSpec(id, newVersion, configKey, instances, minimumHealthCapacity, maximumOverCapacity,
        dependencies, resident, killSelection, hasHealthChecks, hasReadinessChecks);
  }

  public RunSpec withConfig(String newConfigKey) {
    return new RunSpec(id, version, newConfigKey, instances, minimumHealthCapacity, maximumOverCapacity,
        dependencies, resident, killSelection, hasHealthChecks, hasReadinessChecks);
  }

  public RunSpec withUpgradeStrategy(double minHealth, double maxOver) {
    return new RunSpec(id, version, configKey, instances, minHealth, maxOver, dependencies, resident, killSelection,
        hasHealthChecks, hasReadinessChecks);
  }

  public RunSpec withDependencies(Set<String> newDependencies) {
    return new RunSpec(id, version, configKey, instances, minimumHealthCapacity, maximumOverCapacity,
        newDependencies, resident, killSelection, hasHealthChecks, hasReadinessChecks);
  }

  public RunSpec withChecks(boolean health, boolean readiness) {
    return new RunSpec(id, version, configKey, instances, minimumHealthCapacity, maximumOverCapacity, dependencies,
        resident, killSelection, health, readiness);
  }

  public RunSpec withResident(boolean newResident) {
    return new RunSpec(id, version, configKey, instances, minimumHealthCapacity, maximumOverCapacity, dependencies,
        newResident, killSelection, hasHealthChecks, hasReadinessChecks);
  }

  public RunSpec withKillSelection(KillSelection selection) {
    return new RunSpec(id, version, configKey, instances, minimumHealthCapacity, maximumOverCapacity, dependencies,
        resident, selection, hasHealthChecks, hasReadinessChecks);
  }
}
