package io.drover.apps.core;

import io.drover.apps.deploy.DeploymentPlan;
import io.drover.apps.model.Group;
import java.util.Objects;

/**
 * A deployment as stored: its plan and the root groups it goes from and to (the store may keep only the group
 * versions, as both are stored root versions). {@link AppsCore#recover} resumes it; a rollback reverts to
 * {@code original}.
 */
public record DeploymentRecord(DeploymentPlan plan, Group original, Group target) {
  public DeploymentRecord {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(original, "original");
    Objects.requireNonNull(target, "target");
  }

  public String id() { return plan.id(); }
}
