package io.drover.apps.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.apps.deploy.DeploymentJson;
import io.drover.apps.deploy.InstanceCondition;
import io.drover.apps.model.AppDefinition;
import io.drover.apps.model.Group;
import io.drover.apps.model.Instance;
import io.drover.apps.model.PathId;
import io.drover.apps.placement.LaunchQueue;
import io.drover.apps.placement.QueueItemJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Read views of an {@link AppsCore} for the API; call on the loop thread. */
public final class CoreViews {
  private final AppsCore core;

  public CoreViews(AppsCore core) { this.core = core; }

  /** {@code tasksStaged/Running/Healthy/Unhealthy}. */
  public record Counts(int tasksStaged, int tasksRunning, int tasksHealthy, int tasksUnhealthy) {}

  /** An app with what {@code GET /v2/apps/{id}} embeds. */
  public record AppView(AppDefinition app, Counts counts, List<String> deploymentIds, List<Instance> instances,
      Optional<AppsCore.TaskFailure> lastTaskFailure, List<DeploymentJson.ReadinessCheckResultView> readiness) {}

  /** A {@code /v2/queue} item: the app and the rest of the item. */
  public record QueueItem(AppDefinition app, ObjectNode item) {}

  public Group rootGroup() { return core.root; }

  public Optional<String> frameworkId() { return Optional.ofNullable(core.frameworkId); }

  public Counts counts(String appId) {
    boolean checked = core.root.app(PathId.of(appId)).map(a -> !a.healthChecks().isEmpty()).orElse(false);
    int staged = 0, running = 0, healthy = 0, unhealthy = 0;
    for (TrackedInstance t : core.tracker.of(appId)) {
      switch (t.condition()) {
        case PROVISIONED, STAGING, STARTING -> staged++;
        case RUNNING -> {
          running++;
          if (checked && t.healthy()) healthy++;
          if (checked && !t.healthy() && !t.instance().healthResults().isEmpty()) unhealthy++;
        }
        case SCHEDULED, KILLING, UNREACHABLE, UNREACHABLE_INACTIVE, ERROR, FAILED, FINISHED, KILLED, GONE, DROPPED,
            UNKNOWN -> { }
      }
    }
    return new Counts(staged, running, healthy, unhealthy);
  }

  public List<Instance> instances(String appId) {
    return core.tracker.of(appId).stream().map(TrackedInstance::instance).toList();
  }

  /** Every instance's condition (tests and {@code /v2/tasks} state filters). */
  public Map<String, InstanceCondition> conditions(String appId) {
    Map<String, InstanceCondition> out = new java.util.LinkedHashMap<>();
    for (TrackedInstance t : core.tracker.of(appId)) out.put(t.id(), t.condition());
    return out;
  }

  public Optional<AppView> app(String appId) {
    return core.root.app(PathId.of(appId)).map(a -> new AppView(a, counts(appId), deploymentIds(appId),
        instances(appId), lastTaskFailure(appId), readiness(appId)));
  }

  public List<AppView> apps() {
    List<AppView> out = new ArrayList<>();
    for (AppDefinition a : core.root.transitiveApps()) app(a.id().toString()).ifPresent(out::add);
    return out;
  }

  public List<String> deploymentIds(String appId) {
    return core.deployments.values().stream().filter(r -> r.record().plan().affectedApps().contains(appId))
        .map(r -> r.record().id()).toList();
  }

  public List<DeploymentJson.DeploymentView> deployments() {
    return core.deployments.values().stream()
        .map(r -> DeploymentJson.deployment(r.progress(), core.readiness.ofDeployment(r))).toList();
  }

  /** The app's readiness check results in running deployments' current steps (empty without readiness checks). */
  public List<DeploymentJson.ReadinessCheckResultView> readiness(String appId) { return core.readiness.ofApp(appId); }

  public List<DeploymentRecord> deploymentRecords() {
    return core.deployments.values().stream().map(AppsCore.Running::record).toList();
  }

  public List<QueueItem> queue(boolean withLastUnusedOffers) {
    long now = core.now();
    List<QueueItem> out = new ArrayList<>();
    for (LaunchQueue.Entry e : core.launchQueue.entries()) {
      core.root.app(PathId.of(e.appId())).ifPresent(app -> out.add(new QueueItem(app, QueueItemJson.toJson(e,
          core.launchQueue.queueDelay(e.appId(), now), core.statistics.summary(e.appId()), withLastUnusedOffers))));
    }
    return out;
  }

  public Optional<AppsCore.TaskFailure> lastTaskFailure(String appId) {
    return Optional.ofNullable(core.lastFailures.get(appId));
  }
}
