package io.drover.apps.placement;

/**
 * Matcher settings (Marathon flags).
 *
 * @param maxInstancesPerOffer {@code --max_instances_per_offer} (5): instances of one app launched from one offer
 * @param gpuRestricted {@code --gpu_scheduling_behavior restricted}: an app without GPUs declines offers that have
 *     GPUs ({@link Reason#DeclinedScarceResources}) so GPU agents stay free for GPU apps
 * @param maintenanceMode honour Mesos maintenance: an agent inside (or within {@code drainingMs} of) an
 *     unavailability window gets {@link Reason#AgentMaintenance} (Marathon's {@code maintenance_mode} feature;
 *     Drover turns it on by default)
 * @param drainingMs {@code --draining_seconds} × 1000: how long before the window agents stop getting new instances
 * @param localRegion the master's fault-domain region, or null: offers from another region are used only by apps
 *     with an {@code @region}/{@code @zone} constraint
 */
public record MatcherConfig(int maxInstancesPerOffer, boolean gpuRestricted, boolean maintenanceMode,
    long drainingMs, String localRegion) {
  public MatcherConfig {
    if (maxInstancesPerOffer < 1) throw new IllegalArgumentException("maxInstancesPerOffer must be >= 1");
    if (drainingMs < 0) throw new IllegalArgumentException("drainingMs must be >= 0");
  }

  public static MatcherConfig defaults() { return new MatcherConfig(5, true, true, 0, null); }
}
