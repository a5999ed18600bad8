package io.drover.apps.deploy;

import java.util.Set;

/**
 * Drives one app through one deployment action, fed with that app's instance updates. Not thread-safe: a driver
 * calls it from its single event loop.
 *
 * <p>Contract with the driver: every instance update of the app is passed to {@link #onInstance} (including those of
 * instances it launched, which carry fresh ids and the target version); an instance that reached a gone condition
 * ({@link InstanceCondition#consideredGone()}) never comes back under the same id.
 */
public sealed interface AppStepper permits RollingRestart, ScaleStepper, StopStepper {
  /** The latest state of one instance of the app; answers what to launch and kill now. */
  InstanceCommands onInstance(InstanceView instance);

  /** Whether the action is complete. */
  boolean isDone();

  /**
   * The instances this action started (or adopted as started, e.g. after a failover) and still waits on to become
   * healthy and ready: Marathon's {@code ReadinessBehavior} runs readiness checks for exactly these. Empty for a stop.
   */
  Set<String> awaited();
}
