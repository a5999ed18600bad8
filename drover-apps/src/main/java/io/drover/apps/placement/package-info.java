/**
 * Offer matching and the launch queue, pure (no I/O, no clocks: time is an argument, randomness an injected Rng).
 *
 * <p>The matcher sees an app only through {@link io.drover.apps.placement.PlacementSpec}; the wiring maps the app
 * definition to it. Offers are the real Mesos v1 {@link io.drover.master.api.v1.Offer}s. Pieces:
 * {@link io.drover.apps.placement.OfferMatcher} (feasibility filters then placement, several instances per offer),
 * {@link io.drover.apps.placement.Constraints} (Marathon's operators), {@link io.drover.apps.placement.OfferRanker}
 * (scorers), {@link io.drover.apps.placement.ServicePorts}, {@link io.drover.apps.placement.OfferStatistics},
 * {@link io.drover.apps.placement.LaunchQueue} with {@link io.drover.apps.placement.LaunchDelay} and
 * {@link io.drover.apps.placement.LaunchTokens}, and {@link io.drover.apps.placement.QueueItemJson}.
 *
 * <p>The mutable classes here are not thread-safe: the wiring owns each from one thread (or under one lock).
 */
package io.drover.apps.placement;
