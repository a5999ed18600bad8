package io.drover.apps.placement;

import static io.drover.apps.placement.Fixtures.simpleOffer;
import static org.assertj.core.api.Assertions.assertThat;

import io.drover.master.api.v1.Offer;
import java.util.List;
import org.junit.jupiter.api.Test;

final class OfferStatisticsTest {
  private static final MatchResult.Match MATCH = new MatchResult.Match(new io.drover.master.api.v1.AgentID("a"), "h",
      List.of(), List.of(), new PlacedInstance("a", "h", List.of(), null, null));

  private static MatchResult.NoMatch no(Reason... reasons) { return new MatchResult.NoMatch(List.of(reasons)); }

  @Test
  void countsProcessedAndUnusedOffersAndTheFirstReasonInFunnelOrder() {
    OfferStatistics stats = new OfferStatistics(10);
    Offer a1 = simpleOffer("o1", "a1", "h1");
    Offer a2 = simpleOffer("o2", "a2", "h2");
    stats.record("/app", a1, no(Reason.InsufficientMemory, Reason.UnfulfilledConstraint), 1000);
    stats.record("/app", a2, no(Reason.InsufficientCpus), 2000);
    stats.record("/app", a1, no(Reason.InsufficientCpus, Reason.InsufficientPorts), 3000);
    stats.record("/app", a2, MATCH, 4000);
    OfferStatistics.Summary s = stats.summary("/app");
    assertThat(s.processedOffersCount()).isEqualTo(4);
    assertThat(s.unusedOffersCount()).isEqualTo(3);
    assertThat(s.lastUnusedOfferAtMs()).contains(3000L);
    assertThat(s.lastUsedOfferAtMs()).contains(4000L);
    // Launch attempt: 4 processed; 1 stopped at the constraint, 2 at cpus.
    assertThat(s.rejectSummaryLaunchAttempt()).hasSize(Reason.values().length);
    assertThat(s.rejectSummaryLaunchAttempt().get(0)).isEqualTo(
        new OfferStatistics.DeclinedOfferStep(Reason.UnfulfilledRole, 0, 4));
    assertThat(s.rejectSummaryLaunchAttempt().get(1)).isEqualTo(
        new OfferStatistics.DeclinedOfferStep(Reason.UnfulfilledConstraint, 1, 4));
    assertThat(s.rejectSummaryLaunchAttempt().get(4)).isEqualTo(
        new OfferStatistics.DeclinedOfferStep(Reason.InsufficientCpus, 2, 3));
    assertThat(s.rejectSummaryLaunchAttempt().get(5)).isEqualTo(
        new OfferStatistics.DeclinedOfferStep(Reason.InsufficientMemory, 0, 1));
    // Last offers: only the last unused offer per agent (a1 → cpus, a2 → cpus).
    assertThat(s.lastUnusedOffers()).hasSize(2);
    assertThat(s.rejectSummaryLastOffers().get(4)).isEqualTo(
        new OfferStatistics.DeclinedOfferStep(Reason.InsufficientCpus, 2, 2));
    assertThat(s.rejectSummaryLastOffers().get(5)).isEqualTo(
        new OfferStatistics.DeclinedOfferStep(Reason.InsufficientMemory, 0, 0));
  }

  @Test
  void lastUnusedOffersAreBoundedAndLaunchFinishedForgets() {
    OfferStatistics stats = new OfferStatistics(3);
    for (int i = 0; i < 10; i++) {
      stats.record("/app", simpleOffer("o" + i, "a" + i, "h" + i), no(Reason.InsufficientDisk), i);
    }
    OfferStatistics.Summary s = stats.summary("/app");
    assertThat(s.unusedOffersCount()).isEqualTo(10);
    assertThat(s.lastUnusedOffers()).extracting(u -> u.offer().agentId().value()).containsExactly("a7", "a8", "a9");
    stats.launchFinished("/app");
    OfferStatistics.Summary empty = stats.summary("/app");
    assertThat(empty.processedOffersCount()).isZero();
    assertThat(empty.lastUnusedOffers()).isEmpty();
    assertThat(empty.lastUsedOfferAtMs()).isEmpty();
  }
}
