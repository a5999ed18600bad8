package io.drover.apps.deploy;

import java.util.List;
import java.util.Objects;

/** One action of a deployment step (Marathon's {@code DeploymentAction}); actions of one step run concurrently. */
public sealed interface DeploymentAction {
  /** The spec the action drives the app to (for a stop: the spec being removed). */
  RunSpec spec();

  default String appId() { return spec().id(); }

  /** The name in the REST API ({@code "action"} field). */
  default String actionName() {
    return switch (this) {
      case StartApplication s -> "StartApplication";
      case StopApplication s -> "StopApplication";
      case ScaleApplication s -> "ScaleApplication";
      case RestartApplication s -> "RestartApplication";
    };
  }

  /** A new app is registered with 0 instances; done at once. It is scaled up by a later step. */
  record StartApplication(RunSpec spec) implements DeploymentAction {
    public StartApplication { Objects.requireNonNull(spec, "spec"); }
  }

  /** Kill every instance of a removed app; done when none is left. */
  record StopApplication(RunSpec spec) implements DeploymentAction {
    public StopApplication { Objects.requireNonNull(spec, "spec"); }
  }

  /**
   * Scale to {@code scaleTo}: kill the surplus (the instances named in {@code toKill} first) then launch the
   * missing ones and wait until they are healthy and ready.
   */
  record ScaleApplication(RunSpec spec, int scaleTo, List<String> toKill) implements DeploymentAction {
    public ScaleApplication {
      Objects.requireNonNull(spec, "spec");
      toKill = List.copyOf(toKill);
      if (scaleTo < 0) throw new IllegalArgumentException("scaleTo must be >= 0: " + scaleTo);
    }
  }

  /** Replace every instance of an older version by the rolling-restart rules ({@link RollingRestart}). */
  record RestartApplication(RunSpec spec) implements DeploymentAction {
    public RestartApplication { Objects.requireNonNull(spec, "spec"); }
  }
}
