package io.drover.cli;

import io.drover.apps.core.CoreConfig;
import io.drover.apps.placement.MatcherConfig;
import picocli.CommandLine.Option;

/**
 * The apps scheduler's throttles, as flags of {@code drover apps} and {@code drover up} (Marathon's flags, with its
 * defaults): how many deployments may run, how fast instances launch, and how long useless offers stay declined.
 */
public final class SchedulingOptions {
  @Option(names = "--max-running-deployments", defaultValue = "100", description = "Changes are refused with 403 while this many deployments run (Marathon's --max_running_deployments; default: ${DEFAULT-VALUE}).")
  String maxRunningDeployments;

  @Option(names = "--launch-tokens", defaultValue = "100", description = "Launches that may be unconfirmed (not yet running) per refresh interval (Marathon's --launch_tokens; default: ${DEFAULT-VALUE}).")
  String launchTokens;

  @Option(names = "--launch-token-refresh-interval", defaultValue = "30s", description = "How often the launch tokens are reset to --launch-tokens (default: ${DEFAULT-VALUE}).")
  String launchTokenRefreshInterval;

  @Option(names = "--max-instances-per-offer", defaultValue = "5", description = "Instances launched from one offer at most (Marathon's --max_instances_per_offer; default: ${DEFAULT-VALUE}).")
  String maxInstancesPerOffer;

  @Option(names = "--decline-offer-duration", defaultValue = "120s", description = "How long an offer that fits nothing stays declined (Marathon's --decline_offer_duration; default: ${DEFAULT-VALUE}).")
  String declineOfferDuration;

  /** The core's settings from the flags; {@link IllegalArgumentException} with a one-line message if one is bad. */
  public CoreConfig coreConfig() {
    CoreConfig d = CoreConfig.defaults();
    MatcherConfig m = d.matcher();
    MatcherConfig matcher = new MatcherConfig(
        Flags.integer("--max-instances-per-offer", maxInstancesPerOffer, 1, 100_000), m.gpuRestricted(),
        m.maintenanceMode(), m.drainingMs(), m.localRegion());
    return new CoreConfig(Flags.duration("--decline-offer-duration", declineOfferDuration).toMillis(),
        d.reconciliationIntervalMs(), d.scaleAppsIntervalMs(),
        Flags.integer("--launch-tokens", launchTokens, 1, Integer.MAX_VALUE),
        Flags.duration("--launch-token-refresh-interval", launchTokenRefreshInterval).toMillis(),
        d.taskLaunchTimeoutMs(), matcher, Flags.integer("--max-running-deployments", maxRunningDeployments, 1, 100_000));
  }
}
