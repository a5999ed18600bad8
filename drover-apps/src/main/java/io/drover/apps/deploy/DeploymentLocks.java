package io.drover.apps.deploy;

import java.util.Collection;
import java.util.List;

/**
 * One deployment per app (Marathon's {@code DeploymentManager} conflict check): a new plan that shares an affected
 * app with a running deployment is refused with 409, unless forced, in which case the conflicting deployments are
 * cancelled (their instances may stay mixed between old and new versions).
 */
public final class DeploymentLocks {
  /** Marathon's {@code AppLockedException} message, verbatim (the placeholder is literal). */
  public static final String LOCKED_MESSAGE = "App is locked by one or more deployments. "
      + "Override with the option '?force=true'. View details at '/v2/deployments/<DEPLOYMENT_ID>'.";

  private DeploymentLocks() {}

  /** What to do with a new plan. */
  public sealed interface Decision {
    /** Go ahead after cancelling {@code toCancel} (empty unless forced). */
    record Proceed(List<String> toCancel) implements Decision {
      public Proceed { toCancel = List.copyOf(toCancel); }
    }

    /** Answer 409 with {@code body}. */
    record Locked(LockedBody body) implements Decision {}
  }

  /** The 409 body: {@code {"message": ..., "deployments": [{"id": ...}]}}. */
  public record LockedBody(String message, List<DeploymentRef> deployments) {
    public LockedBody { deployments = List.copyOf(deployments); }
  }

  /** {@code {"id": ...}}. */
  public record DeploymentRef(String id) {}

  /** Ids of running deployments that share an affected app with {@code candidate}, in the given order. */
  public static List<String> conflicting(Collection<DeploymentPlan> running, DeploymentPlan candidate) {
    return running.stream()
        .filter(plan -> !plan.id().equals(candidate.id()) && plan.isAffectedBy(candidate))
        .map(DeploymentPlan::id)
        .toList();
  }

  /** The 409 body naming the blocking deployments. */
  public static LockedBody lockedBody(List<String> deploymentIds) {
    return new LockedBody(LOCKED_MESSAGE, deploymentIds.stream().map(DeploymentRef::new).toList());
  }

  /** Proceed if nothing conflicts; else cancel the conflicts when {@code force}, or refuse with 409. */
  public static Decision decide(Collection<DeploymentPlan> running, DeploymentPlan candidate, boolean force) {
    List<String> conflicts = conflicting(running, candidate);
    if (conflicts.isEmpty() || force) return new Decision.Proceed(conflicts);
    return new Decision.Locked(lockedBody(conflicts));
  }
}
