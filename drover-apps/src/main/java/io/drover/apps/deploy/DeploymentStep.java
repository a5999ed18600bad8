package io.drover.apps.deploy;

import java.util.List;

/** One step of a plan: its actions run concurrently; the next step starts when all of them are done. */
public record DeploymentStep(List<DeploymentAction> actions) {
  public DeploymentStep { actions = List.copyOf(actions); }
}
