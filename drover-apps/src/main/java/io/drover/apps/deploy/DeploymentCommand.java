package io.drover.apps.deploy;

import java.util.List;

/** What a running deployment asks of its driver, in order. */
public sealed interface DeploymentCommand {
  /** Launch {@code count} new instances of {@code spec} (fresh instance ids, {@code spec.version()}). */
  record Launch(RunSpec spec, int count) implements DeploymentCommand {}

  /** Kill these instances of the app. */
  record Kill(String appId, List<String> instanceIds) implements DeploymentCommand {
    public Kill { instanceIds = List.copyOf(instanceIds); }
  }

  /** Reset the app's launch backoff (a restart begins; an app was stopped). */
  record ResetDelay(String appId) implements DeploymentCommand {}

  /** Step {@code step} (1-based) began: publish {@code deployment_info}. */
  record StepStarted(int step) implements DeploymentCommand {}

  /** Step {@code step} finished: publish {@code deployment_step_success}. */
  record StepSucceeded(int step) implements DeploymentCommand {}

  /** The stopped app is gone: publish {@code app_terminated_event}. */
  record AppTerminated(String appId) implements DeploymentCommand {}

  /** Every step finished: publish {@code deployment_success} and forget the deployment. */
  record Succeeded() implements DeploymentCommand {}
}
