package io.drover.apps.deploy;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Marathon's {@code DeploymentPlanReverter} for apps: undo one deployment's app changes on top of the current state,
 * leaving apps it did not touch (changed meanwhile by other deployments) alone. Group bookkeeping (empty groups,
 * group dependencies) is the group model's business; app-level dependencies travel inside the specs.
 */
public final class DeploymentPlanReverter {
  private DeploymentPlanReverter() {}

  /**
   * Every app the deployment changed goes back to its {@code original} spec (re-added if it was removed); every app
   * it added is removed. With {@code current == target} the result equals {@code original}.
   */
  public static Map<String, RunSpec> revert(
      Map<String, RunSpec> original, Map<String, RunSpec> target, Map<String, RunSpec> current) {
    TreeMap<String, RunSpec> result = new TreeMap<>(current);
    TreeSet<String> ids = new TreeSet<>(original.keySet());
    ids.addAll(target.keySet());
    for (String id : ids) {
      RunSpec before = original.get(id);
      RunSpec after = target.get(id);
      if (Objects.equals(before, after)) continue;
      if (before != null) result.put(id, before);
      else result.remove(id);
    }
    return result;
  }

  /**
   * The rollback deployment of {@code DELETE /v2/deployments/{id}}: from {@code current} to the reverted state.
   *
   * @param rollbackId id of the new deployment
   * @param running the deployment being rolled back (cancelled by the caller)
   * @param current every app now (normally {@code running.target()})
   * @param version the rollback's version timestamp
   */
  public static PlanResult rollback(
      String rollbackId, DeploymentPlan running, Map<String, RunSpec> current, String version) {
    return DeploymentPlanner.plan(rollbackId, current, revert(running.original(), running.target(), current), version);
  }
}
