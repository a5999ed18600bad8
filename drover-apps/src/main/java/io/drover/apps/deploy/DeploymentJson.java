package io.drover.apps.deploy;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The REST shapes of deployments, as records for {@code Json.camelCase()}: items of {@code GET /v2/deployments},
 * the {@code dryRun} answer of {@code PUT /v2/groups} and the steps inside both.
 */
public final class DeploymentJson {
  private DeploymentJson() {}

  /** {@code {"action": "ScaleApplication", "app": "/foo"}}. */
  public record ActionView(String action, String app) {}

  /** {@code {"actions": [...]}}. */
  public record StepView(List<ActionView> actions) {
    public StepView { actions = List.copyOf(actions); }
  }

  /** The answer of {@code PUT /v2/groups?dryRun=true}: {@code {"steps": [...]}}. */
  public record DryRunView(List<StepView> steps) {
    public DryRunView { steps = List.copyOf(steps); }
  }

  /** A readiness check's last HTTP response. */
  public record LastResponseView(int status, String contentType, String body) {}

  /** One readiness result of a current action; {@code lastResponse} is null unless preserved. */
  public record ReadinessCheckResultView(String taskId, String name, boolean ready, LastResponseView lastResponse) {}

  /** An action of the current step with its instances' readiness results. */
  public record CurrentActionView(String action, String app, List<ReadinessCheckResultView> readinessCheckResults) {
    public CurrentActionView { readinessCheckResults = List.copyOf(readinessCheckResults); }
  }

  /** One item of {@code GET /v2/deployments}; {@code currentStep} is 1-based. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record DeploymentView(
      String id, String version, List<String> affectedApps, List<String> affectedPods, List<StepView> steps,
      List<CurrentActionView> currentActions, int currentStep, int totalSteps) {
    public DeploymentView {
      affectedApps = List.copyOf(affectedApps);
      affectedPods = List.copyOf(affectedPods);
      steps = List.copyOf(steps);
      currentActions = List.copyOf(currentActions);
    }
  }

  public static ActionView action(DeploymentAction action) { return new ActionView(action.actionName(), action.appId()); }

  public static List<StepView> steps(DeploymentPlan plan) {
    return plan.steps().stream()
        .map(step -> new StepView(step.actions().stream().map(DeploymentJson::action).toList()))
        .toList();
  }

  public static DryRunView dryRun(DeploymentPlan plan) { return new DryRunView(steps(plan)); }

  /**
   * A deployment item.
   *
   * @param currentStep 1-based index of the running step, 0 before the first one starts
   * @param readiness readiness results of the current actions' instances, given per app id by the caller
   */
  public static DeploymentView deployment(
      DeploymentPlan plan, int currentStep, Map<String, List<ReadinessCheckResultView>> readiness) {
    if (currentStep < 0 || currentStep > plan.steps().size()) {
      throw new IllegalArgumentException("currentStep " + currentStep + " outside 0.." + plan.steps().size());
    }
    List<CurrentActionView> current = currentStep == 0 ? List.of()
        : plan.steps().get(currentStep - 1).actions().stream()
            .map(a -> new CurrentActionView(a.actionName(), a.appId(), readiness.getOrDefault(a.appId(), List.of())))
            .toList();
    return new DeploymentView(plan.id(), plan.version(), List.copyOf(plan.affectedApps()), List.of(), steps(plan),
        current, currentStep, plan.steps().size());
  }

  /** The item for a running deployment, from its progress. */
  public static DeploymentView deployment(
      DeploymentProgress progress, Map<String, List<ReadinessCheckResultView>> readiness) {
    return deployment(progress.plan(), progress.currentStep(), readiness);
  }
}
