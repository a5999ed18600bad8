package io.drover.apps.deploy;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A deployment (Marathon's {@code DeploymentPlan}): the steps that take the apps from {@code original} to
 * {@code target}. Built by {@link DeploymentPlanner}; {@code original} is kept for rollback.
 *
 * @param id deployment id (a UUID string chosen by the caller)
 * @param version the version timestamp of the change
 * @param original every app before the deployment, by id
 * @param target every app after the deployment, by id
 * @param steps never empty steps, in execution order
 */
public record DeploymentPlan(
    String id, String version, Map<String, RunSpec> original, Map<String, RunSpec> target,
    List<DeploymentStep> steps) {

  public DeploymentPlan {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    original = Collections.unmodifiableMap(new TreeMap<>(original));
    target = Collections.unmodifiableMap(new TreeMap<>(target));
    steps = List.copyOf(steps);
    if (steps.stream().anyMatch(s -> s.actions().isEmpty())) throw new IllegalArgumentException("empty step");
  }

  /** True when nothing changed: no steps at all. */
  public boolean isEmpty() { return steps.isEmpty(); }

  /** The ids of every app named by an action, sorted (the {@code affectedApps} field). */
  public SortedSet<String> affectedApps() {
    TreeSet<String> ids = new TreeSet<>();
    for (DeploymentStep step : steps) for (DeploymentAction a : step.actions()) ids.add(a.appId());
    return Collections.unmodifiableSortedSet(ids);
  }

  /** Whether both deployments touch a common app: Marathon's conflict rule ({@code isAffectedBy}). */
  public boolean isAffectedBy(DeploymentPlan other) {
    SortedSet<String> mine = affectedApps();
    return other.affectedApps().stream().anyMatch(mine::contains);
  }
}
