package io.drover.apps.core;

import io.drover.apps.deploy.InstanceCondition;
import io.drover.apps.deploy.InstanceView;
import io.drover.apps.model.Instance;
import io.drover.apps.model.Timestamp;
import io.drover.master.api.v1.Attribute;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What the core knows about one instance beyond its API view.
 *
 * @param instance the API view (state name, ports, health results)
 * @param configVersion the app's config version it was launched with (see {@link AppSpecs#configVersion})
 * @param condition current condition
 * @param healthy the latest health verdict from Mesos (false until a healthy status for apps with checks)
 * @param attributes the agent's attributes (constraints of later placements)
 * @param unreachableSinceMs when it became unreachable, empty while reachable
 * @param unhealthySinceMs when it last turned unhealthy, empty while healthy or never healthy-checked
 * @param consecutiveFailures unhealthy status updates in a row
 * @param everHealthy whether a healthy verdict was seen (failures in the grace period count only after one)
 * @param killRequested the core asked Mesos to kill it; no longer counted toward the app's instances
 * @param ready a readiness check of the app answered ready for its current task (false until then, and after a
 *     failover: readiness is not stored, as in Marathon); only consulted for apps with readiness checks
 */
public record TrackedInstance(Instance instance, Timestamp configVersion, InstanceCondition condition,
    boolean healthy, List<Attribute> attributes, OptionalLong unreachableSinceMs, OptionalLong unhealthySinceMs,
    int consecutiveFailures, boolean everHealthy, boolean killRequested, boolean ready) {

  public TrackedInstance {
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(configVersion, "configVersion");
    Objects.requireNonNull(condition, "condition");
    attributes = attributes == null ? List.of() : List.copyOf(attributes);
  }

  public String id() { return instance.instanceId().idString(); }

  public String appId() { return instance.appId().toString(); }

  /** Counted toward the app's instance count: not gone (unreachable still counts) and not being killed. */
  public boolean active() {
    return (!condition.consideredGone() || condition == InstanceCondition.UNREACHABLE) && !killRequested;
  }

  /** The deployment view. */
  public InstanceView view() {
    return new InstanceView(id(), configVersion.toString(), condition, healthy, ready,
        instance.stagedAt().epochMs(),
        instance.startedAt().map(t -> OptionalLong.of(t.epochMs())).orElse(OptionalLong.empty()));
  }

  public TrackedInstance with(Instance i, InstanceCondition c) {
    return new TrackedInstance(i, configVersion, c, healthy, attributes, unreachableSinceMs, unhealthySinceMs,
        consecutiveFailures, everHealthy, killRequested, ready);
  }

  public TrackedInstance withHealth(boolean h, OptionalLong unhealthySince, int failures, boolean ever) {
    return new TrackedInstance(instance, configVersion, condition, h, attributes, unreachableSinceMs, unhealthySince,
        failures, ever, killRequested, ready);
  }

  public TrackedInstance withUnreachableSince(OptionalLong since) {
    return new TrackedInstance(instance, configVersion, condition, healthy, attributes, since, unhealthySinceMs,
        consecutiveFailures, everHealthy, killRequested, ready);
  }

  public TrackedInstance killing() {
    return new TrackedInstance(instance, configVersion, condition, healthy, attributes, unreachableSinceMs,
        unhealthySinceMs, consecutiveFailures, everHealthy, true, ready);
  }

  /** Seen ready by a readiness check. */
  public TrackedInstance markedReady() {
    return new TrackedInstance(instance, configVersion, condition, healthy, attributes, unreachableSinceMs,
        unhealthySinceMs, consecutiveFailures, everHealthy, killRequested, true);
  }
}
