package io.drover.apps.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.common.random.Rng;
import io.drover.master.api.v1.AgentID;
import io.drover.master.api.v1.Offer;
import io.drover.master.api.v1.OfferID;
import io.drover.master.api.v1.Resource;
import io.drover.master.api.v1.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Resource safety of the matcher on random offers and specs. */
final class OfferMatcherPropertiesTest {
  private static final List<String> ROLES = List.of("*", "prod", "dev");

  private static Resource scalar(String name, double value, String role) {
    List<Resource.ReservationInfo> res = role.equals("*") ? null
        : List.of(new Resource.ReservationInfo(Resource.ReservationType.STATIC, role, null, null));
    return new Resource(null, name, Value.Type.SCALAR, new Value.Scalar(value), null, null, null,
        new Resource.AllocationInfo("*"), null, res, null, null, null);
  }

  private static Resource ports(List<Value.Range> ranges, String role) {
    List<Resource.ReservationInfo> res = role.equals("*") ? null
        : List.of(new Resource.ReservationInfo(Resource.ReservationType.STATIC, role, null, null));
    return new Resource(null, "ports", Value.Type.RANGES, null, new Value.Ranges(ranges), null, null,
        new Resource.AllocationInfo("*"), null, res, null, null, null);
  }

  @Provide
  Arbitrary<Offer> offers() {
    Arbitrary<Resource> scalars = Combinators.combine(
        Arbitraries.of("cpus", "mem", "disk"), Arbitraries.integers().between(0, 8000), Arbitraries.of(ROLES))
        .as((name, millis, role) -> scalar(name, millis / 1000.0 * (name.equals("cpus") ? 1 : 1000), role));
    Arbitrary<Resource> portRes = Combinators.combine(
        Arbitraries.integers().between(31000, 31050).list().ofMinSize(1).ofMaxSize(3), Arbitraries.of(ROLES))
        .as((begins, role) -> {
          List<Value.Range> ranges = new ArrayList<>();
          for (int b : begins) ranges.add(new Value.Range(b, b + (b % 4)));
          return ports(ranges, role);
        });
    return Combinators.combine(scalars.list().ofMaxSize(8), portRes.list().ofMaxSize(3)).as((s, p) -> {
      List<Resource> all = new ArrayList<>(s);
      all.addAll(p);
      return new Offer(new OfferID("o"), null, new AgentID("a"), "h", null, null, all, List.of(), null, null,
          new Resource.AllocationInfo("*"));
    });
  }

  @Provide
  Arbitrary<PlacementSpec> specs() {
    Arbitrary<PortRequest> port = Arbitraries.oneOf(Arbitraries.just(PortRequest.dynamic()),
        Arbitraries.integers().between(31000, 31060).map(PortRequest::fixed));
    Arbitrary<Set<String>> roles = Arbitraries.of(ROLES).set().ofMaxSize(2);
    return Combinators.combine(Arbitraries.longs().between(0, 3000), Arbitraries.longs().between(0, 3000),
        Arbitraries.longs().between(0, 2000), roles, port.list().ofMaxSize(4))
        .as((cpus, mem, disk, accepted, ps) -> new PlacementSpec("/p", "v", 5, cpus, mem, disk, 0, accepted, ps,
            List.of(), "*"));
  }

  /** Ports of accepted roles in the offer. */
  private static Set<Long> offeredPorts(Offer o, PlacementSpec spec) {
    Set<Long> out = new HashSet<>();
    for (Resource r : o.resources()) {
      if (!r.name().equals("ports") || !spec.acceptsRole(OfferView.reservationRole(r))) continue;
      for (Value.Range g : r.ranges().range()) for (long p = g.begin(); p <= g.end(); p++) out.add(p);
    }
    return out;
  }

  private static Map<String, Long> scalarTotals(List<Resource> rs) {
    Map<String, Long> out = new HashMap<>();
    for (Resource r : rs) {
      if (r.scalar() != null) out.merge(r.name() + "/" + OfferView.reservationRole(r), OfferView.millis(r.scalar().value()), Long::sum);
    }
    return out;
  }

  @Property(tries = 400)
  void placementsNeverExceedTheOfferNorUseUnacceptedRolesAndPortsAreDistinctAndOffered(
      @ForAll("offers") Offer offer, @ForAll("specs") PlacementSpec spec, @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 5) int wanted) {
    OfferMatcher matcher = new OfferMatcher(MatcherConfig.defaults());
    OfferMatcher.OfferPlacement p = matcher.place(offer, spec, List.of(), wanted, 0, Rng.seeded(seed));
    List<Resource> taken = new ArrayList<>();
    List<Integer> hostPorts = new ArrayList<>();
    for (MatchResult.Match m : p.matches()) {
      taken.addAll(m.resources());
      hostPorts.addAll(m.hostPorts());
      assertThat(m.hostPorts()).hasSameSizeAs(spec.ports());
    }
    // Never more than the offer holds, per name and role.
    Map<String, Long> offered = scalarTotals(offer.resources());
    scalarTotals(taken).forEach((k, v) -> assertThat(v).isLessThanOrEqualTo(offered.getOrDefault(k, 0L)));
    // Never a role the app does not accept; allocation info kept.
    assertThat(taken).allSatisfy(r -> {
      assertThat(spec.acceptsRole(OfferView.reservationRole(r))).isTrue();
      assertThat(r.allocationInfo()).isEqualTo(new Resource.AllocationInfo("*"));
    });
    // Host ports distinct across all instances of the offer and inside offered ranges of accepted roles.
    assertThat(hostPorts).doesNotHaveDuplicates();
    Set<Long> offeredPorts = offeredPorts(offer, spec);
    assertThat(hostPorts).allSatisfy(port -> assertThat(offeredPorts).contains((long) port));
    // The port resources list exactly the chosen ports.
    List<Long> inResources = new ArrayList<>();
    for (Resource r : taken) {
      if (r.name().equals("ports")) for (Value.Range g : r.ranges().range()) for (long x = g.begin(); x <= g.end(); x++) inResources.add(x);
    }
    assertThat(inResources).containsExactlyInAnyOrderElementsOf(hostPorts.stream().map(Long::valueOf).toList());
    // Each instance got what it asked for.
    for (MatchResult.Match m : p.matches()) {
      Map<String, Long> mine = new HashMap<>();
      for (Resource r : m.resources()) if (r.scalar() != null) mine.merge(r.name(), OfferView.millis(r.scalar().value()), Long::sum);
      assertThat(mine.getOrDefault("cpus", 0L)).isEqualTo(spec.cpusMillis());
      assertThat(mine.getOrDefault("mem", 0L)).isEqualTo(spec.memMb() * 1000);
      assertThat(mine.getOrDefault("disk", 0L)).isEqualTo(spec.diskMb() * 1000);
    }
  }

  @Property(tries = 400)
  void fixedPortsAreHonouredOrTheOfferIsDeclinedForPorts(@ForAll("offers") Offer offer,
      @ForAll("specs") PlacementSpec spec, @ForAll long seed) {
    MatchResult r = new OfferMatcher(MatcherConfig.defaults()).match(offer, spec, List.of(), 0, Rng.seeded(seed));
    Set<Long> offeredPorts = offeredPorts(offer, spec);
    List<Integer> fixed = spec.ports().stream().filter(p -> p instanceof PortRequest.Fixed)
        .map(p -> ((PortRequest.Fixed) p).port()).toList();
    boolean fixedAvailable = fixed.stream().allMatch(f -> offeredPorts.contains((long) f))
        && new HashSet<>(fixed).size() == fixed.size();
    switch (r) {
      case MatchResult.Match m -> {
        assertThat(fixedAvailable).isTrue();
        for (int i = 0; i < spec.ports().size(); i++) {
          if (spec.ports().get(i) instanceof PortRequest.Fixed f) assertThat(m.hostPorts().get(i)).isEqualTo(f.port());
        }
      }
      case MatchResult.NoMatch n -> {
        PlacementSpec portless = new PlacementSpec(spec.appId(), spec.version(), spec.instances(), spec.cpusMillis(),
            spec.memMb(), spec.diskMb(), spec.gpus(), spec.acceptedRoles(), List.of(), spec.constraints(), spec.role());
        boolean fitsWithoutPorts = new OfferMatcher(MatcherConfig.defaults())
            .match(offer, portless, List.of(), 0, Rng.seeded(seed)) instanceof MatchResult.Match;
        // An offer that fits but for its ports is declined with exactly InsufficientPorts.
        if (fitsWithoutPorts) assertThat(n.reasons()).containsExactly(Reason.InsufficientPorts);
        if (n.reasons().contains(Reason.InsufficientPorts)) {
          long dynamic = spec.ports().stream().filter(p -> p instanceof PortRequest.Dynamic).count();
          assertThat(!fixedAvailable || offeredPorts.size() - fixed.size() < dynamic).isTrue();
        }
      }
    }
  }
}
