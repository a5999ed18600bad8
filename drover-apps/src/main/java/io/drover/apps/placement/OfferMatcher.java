package io.drover.apps.placement;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.common.random.Rng;
import io.drover.master.api.v1.Offer;
import io.drover.master.api.v1.Resource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Matches offers to an app's instances: a pipeline of feasibility filters (Nomad's shape; ranking between offers is
 * {@link OfferRanker}'s job). Every filter runs and adds its {@link Reason}, so {@code /v2/queue} can explain all
 * that is wrong with an offer; only the host-port choice waits until everything else passed, as in Marathon
 * (choosing ports draws randomness and builds resources, pointless for an offer that is declined anyway).
 */
public final class OfferMatcher {
  private final MatcherConfig config;

  public OfferMatcher(MatcherConfig config) { this.config = config; }

  public MatcherConfig config() { return config; }

  /**
   * Matches one instance of {@code spec} against {@code offer}.
   *
   * @param placed the app's instances already placed (current config version), for constraints
   * @param nowMs wall-clock time in ms (maintenance windows)
   * @param rng chooses dynamic host ports
   */
  public MatchResult match(Offer offer, PlacementSpec spec, List<PlacedInstance> placed, long nowMs, Rng rng) {
    return matchPool(offer, new ResourcePool(offer.resources(), spec), spec, placed, nowMs, rng);
  }

  /**
   * Places up to {@code min(wanted, maxInstancesPerOffer)} instances on one offer, each taking its share of the offer
   * and counting as placed for the next one's constraints. Stops at the first instance that does not fit.
   *
   * @return the matches, one result per attempt (for {@link OfferStatistics}), and what is left of the offer
   */
  public OfferPlacement place(Offer offer, PlacementSpec spec, List<PlacedInstance> placed, int wanted, long nowMs,
      Rng rng) {
    ResourcePool pool = new ResourcePool(offer.resources(), spec);
    List<PlacedInstance> all = new ArrayList<>(placed);
    List<MatchResult.Match> matches = new ArrayList<>();
    List<MatchResult> attempts = new ArrayList<>();
    int limit = Math.min(wanted, config.maxInstancesPerOffer());
    for (int i = 0; i < limit; i++) {
      Offer current = withResources(offer, pool.remaining());
      MatchResult r = matchPool(current, pool, spec, all, nowMs, rng);
      attempts.add(r);
      if (!(r instanceof MatchResult.Match m)) break;
      matches.add(m);
      all.add(m.placement());
    }
    return new OfferPlacement(matches, attempts, withResources(offer, pool.remaining()));
  }

  /**
   * The result of {@link #place}.
   *
   * @param remaining the offer minus everything the matches took (same id, agent and attributes)
   */
  public record OfferPlacement(List<MatchResult.Match> matches, List<MatchResult> attempts, Offer remaining) {
    public OfferPlacement {
      matches = List.copyOf(matches);
      attempts = List.copyOf(attempts);
    }
  }

  private MatchResult matchPool(Offer offer, ResourcePool pool, PlacementSpec spec, List<PlacedInstance> placed,
      long nowMs, Rng rng) {
    Set<Reason> reasons = EnumSet.noneOf(Reason.class);

    // 1. Role: an offer allocated to another role can never be used by this app, and one whose resources all have
    //    roles the app does not accept neither. Cheapest test, and the most fundamental answer.
    Optional<String> allocation = OfferView.allocationRole(offer);
    if (allocation.isPresent() && !allocation.get().equals(spec.role())) reasons.add(Reason.UnfulfilledRole);

    // 2. Reservations: a resident relaunch must find its own reservation; without it, resources do not matter.
    //    Tested before "any usable resource" so a missing reservation is not reported as a role problem.
    if (!spec.reservationLabels().isEmpty() && !pool.anyUsable(spec)) {
      reasons.add(Reason.NoCorrespondingReservationFound);
    } else if (!pool.anyUsable(spec)) {
      reasons.add(Reason.UnfulfilledRole);
    }

    // 3. Constraints: depend on where the other instances are, not on amounts; an agent that violates them stays
    //    unusable however many resources it frees, so it ranks before the resource checks.
    if (!Constraints.violated(spec.constraints(), offer, placed).isEmpty()) reasons.add(Reason.UnfulfilledConstraint);
    if (!regionAllowed(offer, spec)) reasons.add(Reason.UnfulfilledConstraint);

    // 4. Maintenance: an agent about to go down gets nothing new. Marathon reports it as a constraint too.
    if (config.maintenanceMode() && inMaintenance(offer.unavailability(), nowMs)) {
      reasons.add(Reason.UnfulfilledConstraint);
      reasons.add(Reason.AgentMaintenance);
    }

    // 5. Scalars, each on its own so every shortage is reported; zero requests are not checked (Marathon).
    if (spec.cpusMillis() > 0 && pool.available("cpus", spec) < spec.cpusMillis()) reasons.add(Reason.InsufficientCpus);
    if (spec.memMb() > 0 && pool.available("mem", spec) < spec.memMb() * 1000) reasons.add(Reason.InsufficientMemory);
    if (spec.diskMb() > 0 && pool.available("disk", spec) < spec.diskMb() * 1000) reasons.add(Reason.InsufficientDisk);
    if (spec.gpus() > 0 && pool.available("gpus", spec) < spec.gpus() * 1000) reasons.add(Reason.InsufficientGpus);

    // 6. Scarce resources: an app without GPUs must not occupy a GPU agent (any role's GPUs count), so GPU apps
    //    still find room there.
    if (config.gpuRestricted() && spec.gpus() == 0 && OfferView.totalScalarMillis(offer, "gpus") > 0) {
      reasons.add(Reason.DeclinedScarceResources);
    }

    if (!reasons.isEmpty()) return new MatchResult.NoMatch(List.copyOf(reasons));

    // 7. Host ports last: the only step that draws randomness and mutates; only for an offer that otherwise fits.
    //    Taken first so a port shortage leaves the scalars untouched.
    Optional<ResourcePool.PortsTaken> ports = pool.takePorts(spec.ports(), spec, rng);
    if (ports.isEmpty()) return new MatchResult.NoMatch(List.of(Reason.InsufficientPorts));

    List<Resource> taken = new ArrayList<>();
    if (spec.cpusMillis() > 0) taken.addAll(pool.takeScalar("cpus", spec.cpusMillis(), spec));
    if (spec.memMb() > 0) taken.addAll(pool.takeScalar("mem", spec.memMb() * 1000, spec));
    if (spec.diskMb() > 0) taken.addAll(pool.takeScalar("disk", spec.diskMb() * 1000, spec));
    if (spec.gpus() > 0) taken.addAll(pool.takeScalar("gpus", spec.gpus() * 1000, spec));
    taken.addAll(ports.get().resources());
    PlacedInstance placement = new PlacedInstance(offer.agentId().value(), offer.hostname(), offer.attributes(),
        OfferView.region(offer).orElse(null), OfferView.zone(offer).orElse(null));
    return new MatchResult.Match(offer.agentId(), offer.hostname(), taken, ports.get().hostPorts(), placement);
  }

  /**
   * Fault domains: offers from a region other than the master's go only to apps that constrain {@code @region} or
   * {@code @zone} (Marathon's {@code meetsFaultDomainRequirements}; Marathon gives no reason, Drover says
   * UnfulfilledConstraint so the decline is explained).
   */
  private boolean regionAllowed(Offer offer, PlacementSpec spec) {
    boolean faultDomainConstraint = spec.constraints().stream()
        .anyMatch(c -> c.field().equals("@region") || c.field().equals("@zone"));
    Optional<String> region = OfferView.region(offer);
    return faultDomainConstraint || region.isEmpty() || config.localRegion() == null
        || region.get().equals(config.localRegion());
  }

  /**
   * Marathon's {@code Availability.offerAvailable}, negated: the window has a start, we are past
   * {@code start - draining}, and not past {@code start + duration} (no duration = until further notice).
   */
  private boolean inMaintenance(JsonNode unavailability, long nowMs) {
    if (unavailability == null || !unavailability.path("start").has("nanoseconds")) return false;
    long startMs = Math.floorDiv(unavailability.path("start").path("nanoseconds").asLong(), 1_000_000L);
    if (nowMs <= startMs - config.drainingMs()) return false;
    JsonNode duration = unavailability.path("duration");
    if (!duration.has("nanoseconds")) return true;
    long endMs = startMs + Math.floorDiv(duration.path("nanoseconds").asLong(), 1_000_000L);
    return nowMs <= endMs;
  }

  private static Offer withResources(Offer o, List<Resource> resources) {
    return new Offer(o.id(), o.frameworkId(), o.agentId(), o.hostname(), o.url(), o.domain(), resources,
        o.attributes(), o.executorIds(), o.unavailability(), o.allocationInfo());
  }
}
