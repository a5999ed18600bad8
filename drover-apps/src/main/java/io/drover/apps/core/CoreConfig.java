package io.drover.apps.core;

import io.drover.apps.placement.MatcherConfig;

/**
 * Marathon flags the core honours.
 *
 * @param declineOfferDurationMs {@code --decline_offer_duration} (120 s)
 * @param reconciliationIntervalMs {@code --reconciliation_interval} (10 min)
 * @param scaleAppsIntervalMs {@code --scale_apps_interval} (5 min)
 * @param launchTokens {@code --launch_tokens} (100)
 * @param launchTokenRefreshIntervalMs {@code --launch_token_refresh_interval} (30 s)
 * @param taskLaunchTimeoutMs {@code --task_launch_timeout} (5 min): a launched task not RUNNING by then is killed
 * @param matcher offer matcher settings
 * @param maxRunningDeployments {@code --max_running_deployments} (100): a change while this many deployments run is
 *     refused with 403
 */
public record CoreConfig(long declineOfferDurationMs, long reconciliationIntervalMs, long scaleAppsIntervalMs,
    int launchTokens, long launchTokenRefreshIntervalMs, long taskLaunchTimeoutMs, MatcherConfig matcher,
    int maxRunningDeployments) {

  public static final int DEFAULT_MAX_RUNNING_DEPLOYMENTS = 100;

  public CoreConfig {
    if (maxRunningDeployments < 1) {
      throw new IllegalArgumentException("max running deployments must be at least 1, got " + maxRunningDeployments);
    }
  }

  public static CoreConfig defaults() {
    return new CoreConfig(120_000, 600_000, 300_000, 100, 30_000, 300_000, MatcherConfig.defaults(),
        DEFAULT_MAX_RUNNING_DEPLOYMENTS);
  }

  public CoreConfig withMaxRunningDeployments(int max) {
    return new CoreConfig(declineOfferDurationMs, reconciliationIntervalMs, scaleAppsIntervalMs, launchTokens,
        launchTokenRefreshIntervalMs, taskLaunchTimeoutMs, matcher, max);
  }
}
