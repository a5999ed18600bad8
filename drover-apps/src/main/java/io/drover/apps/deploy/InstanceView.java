package io.drover.apps.deploy;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * What deployments see of one instance of an app.
 *
 * @param id instance id (opaque)
 * @param version the version of the app it was launched with ({@link RunSpec#version()})
 * @param condition current condition
 * @param healthy latest health verdict; only consulted when the app has health checks
 * @param ready latest readiness verdict; only consulted when the app has readiness checks
 * @param stagedAtMs when it was staged (kill order among staging instances)
 * @param startedAtMs when it became running, empty if never (kill order among started instances)
 */
public record InstanceView(
    String id, String version, InstanceCondition condition, boolean healthy, boolean ready, long stagedAtMs,
    OptionalLong startedAtMs) {

  public InstanceView {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(startedAtMs, "startedAtMs");
  }

  public InstanceView withCondition(InstanceCondition c) {
    return new InstanceView(id, version, c, healthy, ready, stagedAtMs, startedAtMs);
  }

  public InstanceView withHealth(boolean newHealthy, boolean newReady) {
    return new InstanceView(id, version, condition, newHealthy, newReady, stagedAtMs, startedAtMs);
  }

  public InstanceView running(long atMs) {
    return new InstanceView(id, version, InstanceCondition.RUNNING, healthy, ready, stagedAtMs, OptionalLong.of(atMs));
  }

  /**
   * Marathon's {@code consideredHealthy} for this app, with one deliberate tightening: without health checks only a
   * RUNNING instance counts (Marathon also counts staging ones, which lets a restart kill before anything serves).
   */
  public boolean consideredHealthy(RunSpec spec) {
    if (condition != InstanceCondition.RUNNING) return false;
    return !spec.hasHealthChecks() || healthy;
  }

  /** Healthy and, if the app has readiness checks, ready: the condition that lets a deployment kill an old one. */
  public boolean healthyAndReady(RunSpec spec) {
    return consideredHealthy(spec) && (!spec.hasReadinessChecks() || ready);
  }
}
