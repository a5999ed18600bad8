package io.drover.apps.placement;

import static io.drover.apps.placement.Fixtures.rackAttr;
import static io.drover.apps.placement.Fixtures.simpleOffer;
import static org.assertj.core.api.Assertions.assertThat;

import io.drover.apps.placement.Constraint.Operator;
import io.drover.common.random.Rng;
import io.drover.master.api.v1.Offer;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Placing instances one by one through the matcher never breaks a constraint. */
final class ConstraintPropertiesTest {
  private static final int HOSTS = 6;
  private static final int RACKS = 3;

  /** Host i sits in rack i % RACKS. */
  private static Offer hostOffer(int host) {
    return simpleOffer("o" + host, "a" + host, "h" + host, 8, 8192, 31000, 31099, rackAttr("r" + host % RACKS));
  }

  @Provide
  Arbitrary<List<Integer>> offerSequences() {
    return Arbitraries.integers().between(0, HOSTS - 1).list().ofMinSize(1).ofMaxSize(40);
  }

  private static List<PlacedInstance> placeAll(List<Integer> sequence, PlacementSpec spec, int perOffer) {
    OfferMatcher matcher = new OfferMatcher(MatcherConfig.defaults());
    List<PlacedInstance> placed = new ArrayList<>();
    Rng rng = Rng.seeded(7);
    for (int host : sequence) {
      int wanted = Math.min(perOffer, spec.instances() - placed.size());
      if (wanted <= 0) break;
      OfferMatcher.OfferPlacement p = matcher.place(hostOffer(host), spec, placed, wanted, 0, rng);
      for (MatchResult.Match m : p.matches()) placed.add(m.placement());
    }
    return placed;
  }

  private static PlacementSpec spec(int instances, Constraint... constraints) {
    return new PlacementSpec("/c", "v", instances, 100, 32, 0, 0, java.util.Set.of(), List.of(PortRequest.dynamic()),
        List.of(constraints), "*");
  }

  private static Map<String, Integer> countBy(List<PlacedInstance> placed, String field) {
    Map<String, Integer> counts = new HashMap<>();
    for (PlacedInstance p : placed) counts.merge(Constraints.placedValue(field, p).orElse("?"), 1, Integer::sum);
    return counts;
  }

  @Property(tries = 300)
  void uniqueMaxPerAndClusterHoldOnAnyOfferSequence(@ForAll("offerSequences") List<Integer> sequence,
      @ForAll @IntRange(min = 1, max = 5) int perOffer, @ForAll @IntRange(min = 1, max = 3) int maxPer) {
    List<PlacedInstance> unique = placeAll(sequence, spec(20, Constraint.of("hostname", Operator.UNIQUE)), perOffer);
    assertThat(countBy(unique, "hostname").values()).allMatch(c -> c == 1);

    List<PlacedInstance> uniqueRack = placeAll(sequence, spec(20, Constraint.of("rack", Operator.UNIQUE)), perOffer);
    assertThat(countBy(uniqueRack, "rack").values()).allMatch(c -> c == 1);

    List<PlacedInstance> max = placeAll(sequence,
        spec(20, Constraint.of("rack", Operator.MAX_PER, Integer.toString(maxPer))), perOffer);
    assertThat(countBy(max, "rack").values()).allMatch(c -> c <= maxPer);

    List<PlacedInstance> cluster = placeAll(sequence, spec(20, Constraint.of("rack", Operator.CLUSTER)), perOffer);
    assertThat(countBy(cluster, "rack")).hasSizeLessThanOrEqualTo(1);
    if (!cluster.isEmpty()) {
      assertThat(Constraints.placedValue("rack", cluster.getFirst())).contains("r" + sequence.getFirst() % RACKS);
    }

    List<PlacedInstance> both = placeAll(sequence, spec(20, Constraint.of("hostname", Operator.UNIQUE),
        Constraint.of("rack", Operator.MAX_PER, Integer.toString(maxPer))), perOffer);
    assertThat(countBy(both, "hostname").values()).allMatch(c -> c == 1);
    assertThat(countBy(both, "rack").values()).allMatch(c -> c <= maxPer);
  }

  @Property(tries = 300)
  void groupByWithTheExpectedGroupCountStaysWithinOneOnAnySequence(@ForAll("offerSequences") List<Integer> sequence,
      @ForAll @IntRange(min = 1, max = 5) int perOffer) {
    OfferMatcher matcher = new OfferMatcher(MatcherConfig.defaults());
    PlacementSpec spec = spec(30, Constraint.of("rack", Operator.GROUP_BY, Integer.toString(RACKS)));
    List<PlacedInstance> placed = new ArrayList<>();
    Rng rng = Rng.seeded(3);
    for (int host : sequence) {
      for (MatchResult.Match m : matcher.place(hostOffer(host), spec, placed, perOffer, 0, rng).matches()) {
        placed.add(m.placement());
        Map<String, Integer> counts = countBy(placed, "rack");
        int min = counts.size() < RACKS ? 0 : Collections.min(counts.values());
        assertThat(Collections.max(counts.values()) - min).isLessThanOrEqualTo(1);
      }
    }
  }

  @Property(tries = 200)
  void groupByWithoutValueSpreadsEvenlyWhenOffersAreBalanced(@ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0,
      max = 1000) Integer> roundSeeds, @ForAll @IntRange(min = 1, max = 5) int perOffer) {
    OfferMatcher matcher = new OfferMatcher(MatcherConfig.defaults());
    PlacementSpec spec = spec(100, Constraint.of("rack", Operator.GROUP_BY));
    List<PlacedInstance> placed = new ArrayList<>();
    Rng rng = Rng.seeded(5);
    for (int seed : roundSeeds) {
      // One round: every rack offers once, in a random order.
      List<Integer> racks = new ArrayList<>(List.of(0, 1, 2));
      Collections.shuffle(racks, new java.util.Random(seed));
      for (int rack : racks) {
        for (MatchResult.Match m : matcher.place(hostOffer(rack), spec, placed, perOffer, 0, rng).matches()) {
          placed.add(m.placement());
        }
      }
      Map<String, Integer> counts = countBy(placed, "rack");
      assertThat(counts).hasSize(RACKS);
      assertThat(Collections.max(counts.values()) - Collections.min(counts.values())).isLessThanOrEqualTo(1);
    }
  }

  @Property(tries = 500)
  void scalarAttributesFormatLikeDecimalFormat(@ForAll @DoubleRange(min = 0, max = 1e9) double value) {
    DecimalFormat marathon = new DecimalFormat("0.###", DecimalFormatSymbols.getInstance(Locale.ROOT));
    assertThat(OfferView.formatScalar(value)).isEqualTo(marathon.format(value));
    assertThat(new BigDecimal(OfferView.formatScalar(value)).scale()).isLessThanOrEqualTo(3);
  }
}
