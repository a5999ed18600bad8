package io.drover.apps.placement;

import io.drover.master.api.v1.Offer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Ranks offers for one app when several could take an instance (Nomad's scoring stage; Marathon itself takes offers
 * first come, first served). Scores are summed; higher is better; ties keep a stable order by offer id so the
 * result does not depend on arrival order. Ranking never rejects: feasibility is {@link OfferMatcher}'s job.
 */
public final class OfferRanker {

  /** One scoring rule: a penalty-or-bonus for placing the next instance of {@code spec} on {@code offer}. */
  @FunctionalInterface
  public interface Scorer {
    double score(Offer offer, PlacementSpec spec, List<PlacedInstance> placed);
  }

  /**
   * Anti-affinity with the app itself: minus the number of the app's instances already on the offer's agent.
   * Spreads instances across agents, so one lost agent takes down as few as possible.
   */
  public static final Scorer FEWEST_ON_AGENT = (offer, spec, placed) ->
      -placed.stream().filter(p -> p.agentId().equals(offer.agentId().value())).count();

  /**
   * Spread by constraint: for every UNIQUE, GROUP_BY and MAX_PER field, minus the instances sharing the offer's value
   * of that field. Fills the emptiest group first, which keeps GROUP_BY balanced and leaves MAX_PER headroom.
   */
  public static final Scorer SPREAD_BY_CONSTRAINT = (offer, spec, placed) -> {
    double score = 0;
    for (Constraint c : spec.constraints()) {
      if (c.operator() != Constraint.Operator.UNIQUE && c.operator() != Constraint.Operator.GROUP_BY
          && c.operator() != Constraint.Operator.MAX_PER) continue;
      Optional<String> v = Constraints.offerValue(c.field(), offer);
      if (v.isEmpty()) continue;
      score -= placed.stream().filter(p -> Constraints.placedValue(c.field(), p).equals(v)).count();
    }
    return score;
  };

  private final List<Scorer> scorers;

  public OfferRanker(List<Scorer> scorers) { this.scorers = List.copyOf(scorers); }

  /** {@link #SPREAD_BY_CONSTRAINT} then {@link #FEWEST_ON_AGENT}. */
  public static OfferRanker defaults() { return new OfferRanker(List.of(SPREAD_BY_CONSTRAINT, FEWEST_ON_AGENT)); }

  /** The total score of one offer. */
  public double score(Offer offer, PlacementSpec spec, List<PlacedInstance> placed) {
    double s = 0;
    for (Scorer scorer : scorers) s += scorer.score(offer, spec, placed);
    return s;
  }

  /** {@code offers} best first (highest score, then offer id). */
  public List<Offer> rank(List<Offer> offers, PlacementSpec spec, List<PlacedInstance> placed) {
    record Scored(Offer offer, double score) {}
    List<Scored> scored = new ArrayList<>();
    for (Offer o : offers) scored.add(new Scored(o, score(o, spec, placed)));
    scored.sort(Comparator.comparingDouble(Scored::score).reversed()
        .thenComparing(s -> s.offer().id() == null ? "" : s.offer().id().value()));
    return scored.stream().map(Scored::offer).toList();
  }
}
