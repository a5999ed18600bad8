package io.drover.apps.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.apps.deploy.DeploymentLocks;
import io.drover.apps.model.AppDefinition;
import io.drover.apps.model.ErrorBody;
import io.drover.apps.model.Group;
import io.drover.apps.model.Instance;
import io.drover.apps.model.ReadinessCheck;
import io.drover.apps.placement.MatchResult;
import java.util.List;

/** What {@link AppsCore} asks its driver to do, in order: scheduler calls, store writes, events and replies. */
public sealed interface CoreEffect {
  /** One instance to launch from an offer; the driver builds its TaskInfo (task id {@code instance.taskId()}). */
  record LaunchRequest(AppDefinition app, Instance instance, MatchResult.Match match, List<Integer> servicePorts) {
    public LaunchRequest { servicePorts = List.copyOf(servicePorts); }
  }

  /** ACCEPT the offer with one LAUNCH of these tasks. */
  record Launch(String offerId, List<LaunchRequest> requests) implements CoreEffect {
    public Launch { requests = List.copyOf(requests); }
  }

  record Decline(List<String> offerIds, double refuseSeconds) implements CoreEffect {
    public Decline { offerIds = List.copyOf(offerIds); }
  }

  /** KILL; {@code agentId} may be null when unknown. */
  record Kill(String taskId, String agentId) implements CoreEffect {}

  record Revive() implements CoreEffect {}

  record Suppress() implements CoreEffect {}

  /** One task of an explicit reconciliation. */
  record ReconcileTask(String taskId, String agentId) {}

  /** RECONCILE; an empty list asks for implicit reconciliation. */
  record Reconcile(List<ReconcileTask> tasks) implements CoreEffect {
    public Reconcile { tasks = List.copyOf(tasks); }
  }

  /** Store the root group as a new version. */
  record PersistGroup(Group root) implements CoreEffect {}

  /** Store one app version. */
  record PersistApp(AppDefinition app) implements CoreEffect {}

  record PersistDeployment(DeploymentRecord deployment) implements CoreEffect {}

  record DeleteDeployment(String id) implements CoreEffect {}

  record PersistInstance(Instance instance) implements CoreEffect {}

  record DeleteInstance(String instanceId) implements CoreEffect {}

  /** Store the app's last task failure ({@code lastTaskFailure}), replacing the previous one. */
  record PersistTaskFailure(AppsCore.TaskFailure failure) implements CoreEffect {}

  /** Forget the app's last task failure (the app was removed). */
  record DeleteTaskFailure(String appId) implements CoreEffect {}

  /** Put an event on the event bus; {@code event} has {@code eventType} and {@code timestamp}. */
  record Publish(JsonNode event) implements CoreEffect {
    public String eventType() { return event.path("eventType").asText(); }
  }

  /**
   * Run {@code check} against {@code url} for one task every {@code intervalSeconds} and report each answer as
   * {@link CoreCommand.ReadinessResult} until one is ready (Marathon's {@code ReadinessCheckExecutor}). Not stored:
   * a new leader's core asks anew for instances not yet seen ready.
   */
  record StartReadinessCheck(String taskId, String appId, ReadinessCheck check, String url) implements CoreEffect {}

  /** Stop the readiness check of {@code taskId} (no longer awaited); answers arriving later are ignored. */
  record StopReadinessCheck(String taskId) implements CoreEffect {}

  /** Reply: a deployment started ({@code {"deploymentId", "version"}}). */
  record Accepted(String deploymentId, String version) implements CoreEffect {}

  /** Reply: 409. */
  record Locked(DeploymentLocks.LockedBody body) implements CoreEffect {}

  /** Reply: 422 (or 400 for a bad task id). */
  record Invalid(ErrorBody body) implements CoreEffect {}

  /** Reply: 403 with {@code {"message": ...}}, e.g. beyond {@code --max_running_deployments}. */
  record Forbidden(String message) implements CoreEffect {}

  /** Reply: 404 with {@code {"message": ...}}. */
  record NotFound(String message) implements CoreEffect {}

  /** Reply to a kill without scale: the instances being killed. */
  record Killed(List<Instance> instances) implements CoreEffect {
    public Killed { instances = List.copyOf(instances); }
  }

  /** Reply to a forced deployment cancel (202) or a delay reset (200). */
  record Done() implements CoreEffect {}
}
