package io.drover.apps.core;

import io.drover.apps.deploy.DeploymentJson;
import io.drover.apps.model.Group;
import io.drover.apps.model.PathId;
import io.drover.apps.model.Timestamp;
import io.drover.master.api.v1.Offer;
import io.drover.master.api.v1.TaskStatus;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Everything that drives {@link AppsCore}: API requests, scheduler events and time. */
public sealed interface CoreCommand {
  /**
   * Deploy {@code target} as the new root group (built by the API layer from an app or group request). Answers
   * {@link CoreEffect.Accepted}, {@link CoreEffect.Locked} or {@link CoreEffect.Invalid}.
   *
   * @param version the change's version: stamped on the group and on every new or changed app
   */
  record ApplyRootGroup(Group target, boolean force, String deploymentId, Timestamp version) implements CoreCommand {
    public ApplyRootGroup {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(deploymentId, "deploymentId");
      Objects.requireNonNull(version, "version");
    }
  }

  /** {@code POST /v2/apps/{id}/restart}: a new config version of the same definition. */
  record RestartApp(PathId appId, boolean force, String deploymentId, Timestamp version) implements CoreCommand {}

  /**
   * {@code DELETE /v2/apps/{id}/tasks[/{taskId}]}, {@code POST /v2/tasks/delete}: kill instances (ids are instance or
   * task ids) of one or more apps; apps that do not exist are skipped ({@link CoreEffect.NotFound} when none does).
   * With {@code scale} each app's instance count drops by the number killed, in one deployment that answers
   * ({@link CoreEffect.Accepted}); else {@link CoreEffect.Killed} and the instances are replaced.
   */
  record KillInstances(Map<PathId, List<String>> idsByApp, boolean scale, boolean force, String deploymentId,
      Timestamp version) implements CoreCommand {
    public KillInstances {
      Map<PathId, List<String>> copy = new java.util.LinkedHashMap<>();
      idsByApp.forEach((app, ids) -> copy.put(app, List.copyOf(ids)));
      idsByApp = java.util.Collections.unmodifiableMap(copy);
    }

    public KillInstances(PathId appId, List<String> ids, boolean scale, boolean force, String deploymentId,
        Timestamp version) {
      this(Map.of(appId, ids), scale, force, deploymentId, version);
    }
  }

  /**
   * {@code DELETE /v2/deployments/{id}}: without {@code force} roll back (a new deployment {@code rollbackId});
   * with it only stop ({@link CoreEffect.Cancelled}, 202).
   */
  record CancelDeployment(String id, boolean force, String rollbackId, Timestamp version) implements CoreCommand {}

  /** {@code DELETE /v2/queue/{appId}/delay}. */
  record ResetDelay(PathId appId) implements CoreCommand {}

  /** The scheduler subscribed (or re-subscribed) with this framework id. */
  record Subscribed(String frameworkId) implements CoreCommand {}

  record Offers(List<Offer> offers) implements CoreCommand {
    public Offers { offers = List.copyOf(offers); }
  }

  record Rescind(String offerId) implements CoreCommand {}

  record StatusUpdate(TaskStatus status) implements CoreCommand {}

  /**
   * One answer of a readiness check started by {@link CoreEffect.StartReadinessCheck} (a connection failure or
   * timeout is a not-ready answer). A ready one marks the instance ready, which may move its deployment on.
   */
  record ReadinessResult(DeploymentJson.ReadinessCheckResultView result) implements CoreCommand {
    public ReadinessResult { Objects.requireNonNull(result, "result"); }
  }

  /** The subscription broke; offers are void until the next {@link Subscribed}. */
  record Disconnected() implements CoreCommand {}

  /** Time passes: timers (reconciliation, scale check, unreachable, health, launch timeouts, backoff ends). */
  record Tick(long nowMs) implements CoreCommand {}
}
