package io.drover.apps.core;

import io.drover.apps.deploy.InstanceCondition;
import io.drover.apps.launch.StatusEvents;
import io.drover.apps.launch.StatusMapping;
import io.drover.apps.model.AppDefinition;
import io.drover.apps.model.HealthCheck;
import io.drover.apps.model.Instance;
import io.drover.apps.model.TaskId;
import io.drover.apps.model.Timestamp;
import io.drover.apps.model.UnreachableStrategy;
import io.drover.master.api.v1.TaskStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Mesos status updates and timers for instances: condition, health (kill beyond the limit), unreachable strategy
 * (inactive → replaced, expunged; a returning expunged task is killed), launch timeouts, backoff and task failures.
 */
final class InstanceUpdates {
  private final AppsCore core;

  InstanceUpdates(AppsCore core) { this.core = core; }

  /** A stored instance as tracked after a failover: condition from its state, health from its results. */
  static TrackedInstance recovered(Instance i, Optional<AppDefinition> app) {
    Timestamp config = app.map(AppSpecs::configVersion)
        .filter(c -> i.runSpecVersion().compareTo(c) >= 0).orElse(i.runSpecVersion());
    boolean healthy = !i.healthResults().isEmpty() && i.healthResults().stream().allMatch(Instance.HealthResult::alive);
    return new TrackedInstance(i, config, StatusMapping.conditionOfStoredState(i.state()), healthy, List.of(),
        OptionalLong.empty(), OptionalLong.empty(), 0, healthy, false, false);
  }

  void onStatus(TaskStatus s) {
    long now = core.now();
    String taskId = s.taskId().value();
    String agentId = s.agentId() == null ? null : s.agentId().value();
    InstanceCondition condition = StatusMapping.condition(s.state(), s.reason(), s.message()).orElse(InstanceCondition.UNKNOWN);
    Optional<TaskId> parsed = TaskId.parse(taskId);
    Optional<TrackedInstance> known = parsed
        .flatMap(p -> core.tracker.get(p.appId().toString(), p.instanceId().idString()))
        .filter(t -> t.instance().taskId().idString().equals(taskId));
    if (known.isEmpty()) {
      if (condition.isTerminal()) {
        parsed.ifPresent(p -> core.publish(CoreEvents.unknownInstanceTerminated(p.instanceId().idString(),
            p.appId().toString(), StatusMapping.conditionName(condition), now)));
      } else {
        core.emit(new CoreEffect.Kill(taskId, agentId)); // unknown, e.g. back after its instance was expunged
      }
      return;
    }
    TrackedInstance old = known.get();
    if (goesBack(old.condition(), condition)) return; // a resent earlier update that crossed a later one
    Optional<AppDefinition> app = core.root.app(old.instance().appId());
    Instance oi = old.instance();
    Optional<Timestamp> startedAt = oi.startedAt().isEmpty() && condition == InstanceCondition.RUNNING
        ? Optional.of(Timestamp.ofEpochMs(now)) : oi.startedAt();
    InstanceCondition next = condition == InstanceCondition.UNREACHABLE
        && old.condition() == InstanceCondition.UNREACHABLE_INACTIVE ? InstanceCondition.UNREACHABLE_INACTIVE : condition;
    boolean checked = app.map(a -> !a.healthChecks().isEmpty()).orElse(false);
    boolean healthy = old.healthy();
    TrackedInstance t = old;
    List<Instance.HealthResult> results = oi.healthResults();
    if (checked && s.healthy() != null && next == InstanceCondition.RUNNING) {
      healthy = s.healthy();
      t = health(old, app.get(), healthy, now);
      results = healthResults(app.get(), oi, t, now);
    }
    Instance ni = new Instance(oi.instanceId(), oi.taskId(), oi.runSpecVersion(),
        agentId == null ? oi.agentId() : agentId, oi.host(), oi.hostPorts(), oi.servicePorts(), oi.ipAddresses(),
        s.state().name(), oi.stagedAt(), startedAt, results, oi.role(), oi.region(), oi.zone());
    t = t.with(ni, next).withUnreachableSince(next == InstanceCondition.UNREACHABLE
        || next == InstanceCondition.UNREACHABLE_INACTIVE
        ? (old.unreachableSinceMs().isPresent() ? old.unreachableSinceMs() : OptionalLong.of(now))
        : OptionalLong.empty());
    core.tracker.put(t);
    if (next == InstanceCondition.RUNNING && (!checked || healthy)
        && !(old.condition() == InstanceCondition.RUNNING && (!checked || old.healthy()))) {
      core.tokens.confirmed(now); // Marathon gives a launch token back for an instance turning running and healthy
    }
    core.publish(StatusEvents.statusUpdate(s, ni, Timestamp.ofEpochMs(now)));
    if (next != old.condition()) core.publish(StatusEvents.instanceChanged(ni, next, Timestamp.ofEpochMs(now)));
    if (checked && Boolean.FALSE.equals(s.healthy()) && next == InstanceCondition.RUNNING) {
      core.publish(CoreEvents.failedHealthCheck(old.appId(), old.id(), app.get().healthChecks().getFirst(), now));
    }
    if (checked && s.healthy() != null && healthy != old.healthy()) {
      core.publish(StatusEvents.instanceHealthChanged(ni.instanceId(), ni.runSpecVersion(), Optional.of(healthy),
          Timestamp.ofEpochMs(now)));
      core.publish(StatusEvents.healthStatusChanged(ni.appId(), ni.instanceId(), ni.runSpecVersion(), healthy,
          Timestamp.ofEpochMs(now)));
    }
    String appId = t.appId();
    String configVersion = t.configVersion().toString();
    if (next.isTerminal()) {
      app.ifPresent(a -> core.launchQueue.taskTerminated(appId, configVersion, s.state(), AppSpecs.backoff(a), now));
      if (next != InstanceCondition.KILLED && next != InstanceCondition.FINISHED) {
        AppsCore.TaskFailure failure = new AppsCore.TaskFailure(appId, ni.host(),
            s.message() == null ? "" : s.message(), s.state().name(), taskId, Timestamp.ofEpochMs(now).toString(),
            ni.runSpecVersion().toString(), ni.agentId());
        core.lastFailures.put(appId, failure);
        core.emit(new CoreEffect.PersistTaskFailure(failure));
      }
      core.tracker.remove(appId, t.id());
      core.emit(new CoreEffect.DeleteInstance(t.id()));
      core.healthChecks.sync(appId);
    } else {
      core.emit(new CoreEffect.PersistInstance(ni));
    }
    core.notifyDeployments(t);
    if (next.consideredGone()) {
      unreachable(t, now);
      core.scaleCheck(appId);
    } else if (old.condition().consideredGone()) {
      core.scaleCheck(appId); // back from unreachable: the surplus goes
    }
    core.tracker.get(appId, t.id()).ifPresent(x -> unhealthyKill(x, now));
  }

  /**
   * Whether {@code next} is an earlier step of a task's life than {@code current} (STAGING → STARTING → RUNNING →
   * KILLING): an agent resends an unacknowledged update after a timeout or a reconnection, so a copy of TASK_STARTING
   * can arrive after the TASK_RUNNING that followed it; applying it would make a running instance look like it is
   * starting again (and no later update would repair that). Such an update is acknowledged and otherwise ignored.
   */
  static boolean goesBack(InstanceCondition current, InstanceCondition next) {
    int now = lifeStep(current);
    int then = lifeStep(next);
    return now > 0 && then > 0 && then < now;
  }

  private static int lifeStep(InstanceCondition c) {
    return switch (c) {
      case STAGING -> 1;
      case STARTING -> 2;
      case RUNNING -> 3;
      case KILLING -> 4;
      case SCHEDULED, PROVISIONED, UNREACHABLE, UNREACHABLE_INACTIVE, ERROR, FAILED, FINISHED, KILLED, GONE, DROPPED,
           UNKNOWN -> 0;
    };
  }

  /** Health bookkeeping; failures inside the grace period count only after a first success. */
  private static TrackedInstance health(TrackedInstance old, AppDefinition app, boolean healthy, long now) {
    if (healthy) return old.withHealth(true, OptionalLong.empty(), 0, true);
    HealthCheck hc = app.healthChecks().getFirst();
    long started = old.instance().startedAt().map(Timestamp::epochMs).orElse(now);
    boolean counts = old.everHealthy() || now >= started + hc.gracePeriodSeconds() * 1000;
    OptionalLong since = old.unhealthySinceMs().isPresent() ? old.unhealthySinceMs() : OptionalLong.of(now);
    return old.withHealth(false, since, counts ? old.consecutiveFailures() + 1 : 0, old.everHealthy());
  }

  private static List<Instance.HealthResult> healthResults(AppDefinition app, Instance i, TrackedInstance t,
      long now) {
    Optional<Timestamp> at = Optional.of(Timestamp.ofEpochMs(now));
    List<Instance.HealthResult> out = new ArrayList<>();
    for (int k = 0; k < app.healthChecks().size(); k++) {
      Instance.HealthResult prev = k < i.healthResults().size() ? i.healthResults().get(k) : null;
      Optional<Timestamp> first = prev != null && prev.firstSuccess().isPresent() ? prev.firstSuccess()
          : t.healthy() ? at : Optional.empty();
      out.add(new Instance.HealthResult(t.healthy(), t.consecutiveFailures(), first,
          t.healthy() ? at : prev == null ? Optional.empty() : prev.lastSuccess(),
          t.healthy() ? (prev == null ? Optional.empty() : prev.lastFailure()) : at,
          t.healthy() ? Optional.empty() : Optional.of("unhealthy"), i.instanceId()));
    }
    return out;
  }

  /** Kills a running instance unhealthy beyond {@code maxConsecutiveFailures} (0 = never). */
  private void unhealthyKill(TrackedInstance t, long now) {
    Optional<AppDefinition> app = core.root.app(t.instance().appId());
    if (app.isEmpty() || app.get().healthChecks().isEmpty() || t.healthy() || t.killRequested()
        || t.condition() != InstanceCondition.RUNNING) return;
    HealthCheck hc = app.get().healthChecks().getFirst();
    if (hc.maxConsecutiveFailures() <= 0) return;
    long started = t.instance().startedAt().map(Timestamp::epochMs).orElse(now);
    boolean pastGrace = t.everHealthy() || now >= started + hc.gracePeriodSeconds() * 1000;
    long limitMs = hc.maxConsecutiveFailures() * hc.intervalSeconds() * 1000;
    boolean tooLong = t.unhealthySinceMs().isPresent() && now - t.unhealthySinceMs().getAsLong() >= limitMs
        && pastGrace;
    if (t.consecutiveFailures() >= hc.maxConsecutiveFailures() || tooLong) {
      Instance ki = t.instance();
      core.publish(StatusEvents.unhealthyInstanceKill(ki.taskId(), ki.runSpecVersion(),
          hc.protocol() + " health check failed " + Math.max(t.consecutiveFailures(), hc.maxConsecutiveFailures())
              + " times", ki.host(),
          Optional.ofNullable(ki.agentId()), Timestamp.ofEpochMs(now)));
      core.killInstance(t);
      core.scaleCheck(t.appId()); // replaced at once, as Marathon does
    }
  }

  /** The unreachable strategy: inactive after {@code inactiveAfterSeconds} (replaced), expunged after the other. */
  private void unreachable(TrackedInstance t, long now) {
    if (t.unreachableSinceMs().isEmpty()) return;
    Optional<AppDefinition> app = core.root.app(t.instance().appId());
    UnreachableStrategy strategy = app.map(AppDefinition::unreachableStrategy).orElse(UnreachableStrategy.DEFAULT);
    if (!(strategy instanceof UnreachableStrategy.Enabled e)) return;
    long since = t.unreachableSinceMs().getAsLong();
    TrackedInstance cur = t;
    if (cur.condition() == InstanceCondition.UNREACHABLE && now - since >= e.inactiveAfterSeconds() * 1000) {
      cur = cur.with(cur.instance(), InstanceCondition.UNREACHABLE_INACTIVE);
      core.tracker.put(cur);
      core.publish(StatusEvents.instanceChanged(cur.instance(), InstanceCondition.UNREACHABLE_INACTIVE,
          Timestamp.ofEpochMs(now)));
      core.emit(new CoreEffect.PersistInstance(cur.instance()));
      core.notifyDeployments(cur);
      core.scaleCheck(cur.appId());
    }
    if (now - since >= e.expungeAfterSeconds() * 1000) {
      core.tracker.remove(cur.appId(), cur.id());
      core.emit(new CoreEffect.DeleteInstance(cur.id()));
    }
  }

  /** Tick: unreachable timers, unhealthy kills, launch timeouts. */
  void timers() {
    long now = core.now();
    for (TrackedInstance t : core.tracker.all()) {
      Optional<TrackedInstance> cur = core.tracker.get(t.appId(), t.id());
      if (cur.isEmpty()) continue;
      switch (cur.get().condition()) {
        case UNREACHABLE, UNREACHABLE_INACTIVE -> unreachable(cur.get(), now);
        case RUNNING -> unhealthyKill(cur.get(), now);
        case PROVISIONED, STAGING, STARTING -> {
          if (now - cur.get().instance().stagedAt().epochMs() >= core.config.taskLaunchTimeoutMs()) {
            core.killInstance(cur.get());
            core.scaleCheck(cur.get().appId());
          }
        }
        default -> { }
      }
    }
  }
}
