package io.drover.apps.deploy;

import io.drover.apps.deploy.DeploymentAction.RestartApplication;
import io.drover.apps.deploy.DeploymentAction.ScaleApplication;
import io.drover.apps.deploy.DeploymentAction.StartApplication;
import io.drover.apps.deploy.DeploymentAction.StopApplication;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Marathon's {@code DeploymentPlan.apply}: the steps from one set of apps to another.
 *
 * <ol>
 *   <li>One step stopping every app missing from the target. Marathon's code stops them all concurrently in a single
 *       step (its docs speak of reverse dependency order); the actions are listed dependents first.
 *   <li>One step starting every new app with 0 instances.
 *   <li>For new or changed apps, one step per "longest dependency path" class of the target graph, dependencies
 *       first: a new app is scaled to its instances; a scale-only change (or a change to 0 instances) is a scale
 *       that kills the caller's chosen instances first; any other change (config or version) is a restart. Unchanged
 *       apps get no action.
 * </ol>
 *
 * Empty steps are dropped, so a plan with no change has no steps. Within a step actions are sorted by app id.
 */
public final class DeploymentPlanner {
  private DeploymentPlanner() {}

  /** As {@link #plan(String, Map, Map, String, Map)} with no instances chosen to be killed. */
  public static PlanResult plan(String id, Map<String, RunSpec> from, Map<String, RunSpec> to, String version) {
    return plan(id, from, to, version, Map.of());
  }

  /**
   * @param id the deployment id
   * @param from every app now, by id
   * @param to every app after the change, by id
   * @param version the change's version timestamp
   * @param toKill per app id, instances a scale-only change should kill first (e.g. from {@code DELETE
   *     /v2/apps/x/tasks?scale=true}); see {@link ScalingProposition} for how the rest are chosen
   * @return the plan, or {@link PlanResult.CyclicDependencies} when {@code to} has a dependency cycle
   */
  public static PlanResult plan(
      String id, Map<String, RunSpec> from, Map<String, RunSpec> to, String version,
      Map<String, List<String>> toKill) {
    DependencyGraph targetGraph = new DependencyGraph(to);
    Optional<List<String>> cycle = targetGraph.findCycle();
    if (cycle.isPresent()) return new PlanResult.CyclicDependencies(cycle.get());
    List<DeploymentStep> steps = new ArrayList<>();

    // Stops are listed by the old graph, dependents first; it may hold a cycle if it was stored by other means.
    DependencyGraph originalGraph = new DependencyGraph(from);
    boolean originalAcyclic = originalGraph.findCycle().isEmpty();
    List<DeploymentAction> stops = new ArrayList<>();
    from.values().stream()
        .filter(spec -> !to.containsKey(spec.id()))
        .sorted(Comparator.comparingInt((RunSpec s) -> originalAcyclic ? -originalGraph.longestPath(s.id()) : 0)
            .thenComparing(RunSpec::id))
        .forEach(spec -> stops.add(new StopApplication(spec)));
    steps.add(new DeploymentStep(stops));

    List<DeploymentAction> starts = new ArrayList<>();
    new TreeMap<>(to).values().stream()
        .filter(spec -> !from.containsKey(spec.id()))
        .forEach(spec -> starts.add(new StartApplication(spec)));
    steps.add(new DeploymentStep(starts));

    TreeMap<Integer, List<DeploymentAction>> byDepth = new TreeMap<>();
    for (RunSpec spec : new TreeMap<>(to).values()) {
      RunSpec old = from.get(spec.id());
      if (spec.equals(old)) continue;
      actionFor(old, spec, toKill.getOrDefault(spec.id(), List.of())).ifPresent(action ->
          byDepth.computeIfAbsent(targetGraph.longestPath(spec.id()), d -> new ArrayList<>()).add(action));
    }
    byDepth.values().forEach(actions -> steps.add(new DeploymentStep(actions)));

    return new PlanResult.Planned(
        new DeploymentPlan(id, version, from, to, steps.stream().filter(s -> !s.actions().isEmpty()).toList()));
  }

  private static Optional<DeploymentAction> actionFor(RunSpec old, RunSpec spec, List<String> toKill) {
    if (old == null) return Optional.of(new ScaleApplication(spec, spec.instances(), List.of()));
    boolean sameConfig = old.configKey().equals(spec.configKey());
    if ((sameConfig && old.instances() != spec.instances()) || spec.instances() == 0) {
      return Optional.of(new ScaleApplication(spec, spec.instances(), toKill));
    }
    if (!sameConfig || !old.version().equals(spec.version())) return Optional.of(new RestartApplication(spec));
    return Optional.empty(); // same config, version and instances: nothing to do for the instances
  }
}
