package io.drover.apps.deploy;

import java.util.List;

/** What {@link DeploymentPlanner#plan} answers: a plan, or why the target cannot be deployed. */
public sealed interface PlanResult {
  record Planned(DeploymentPlan plan) implements PlanResult {}

  /**
   * The target's dependency graph has a cycle; the API answers 422 with {@link #MESSAGE} at path {@code /}
   * (Marathon's root group validation).
   *
   * @param cycle app ids along one cycle, the first repeated at the end
   */
  record CyclicDependencies(List<String> cycle) implements PlanResult {
    public static final String MESSAGE = "Dependency graph has cyclic dependencies.";

    public CyclicDependencies { cycle = List.copyOf(cycle); }
  }
}
