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
 */
public record CoreConfig(long declineOfferDurationMs, long reconciliationIntervalMs, long scaleAppsIntervalMs,
    int launchTokens, long launchTokenRefreshIntervalMs, long taskLaunchTimeoutMs, MatcherConfig matcher) {

  public static CoreConfig defaults() {
    return new CoreConfig(120_000, 600_000, 300_000, 100, 30_000, 300_000, MatcherConfig.defaults());
  }
}
