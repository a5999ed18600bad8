package io.drover.apps.placement;

import io.drover.master.api.v1.Offer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Why an app's offers went unused: Marathon's {@code OfferMatchStatistics} for {@code processedOffersSummary} and
 * {@code lastUnusedOffers}. Per app, for the current launch attempt (cleared by {@link #launchFinished}): counts of
 * processed and unused offers, when the last used/unused one came, the reject summary (each unused offer counted
 * once, under its first reason in funnel order), and the last unused offer per agent. Memory is bounded: at most
 * {@code maxAgentsPerApp} last-unused entries per app (the oldest agent's entry goes first).
 */
public final class OfferStatistics {
  private final int maxAgentsPerApp;
  private final Map<String, AppStats> byApp = new HashMap<>();

  public OfferStatistics(int maxAgentsPerApp) {
    if (maxAgentsPerApp < 1) throw new IllegalArgumentException("maxAgentsPerApp must be >= 1");
    this.maxAgentsPerApp = maxAgentsPerApp;
  }

  /** One unused offer: a summary of the offer, all its reasons (funnel order) and when it was processed. */
  public record UnusedOffer(Offer offer, List<Reason> reasons, long timestampMs) {
    public UnusedOffer { reasons = List.copyOf(reasons); }
  }

  /** {@code {reason, declined, processed}}: see {@link Summary#rejectSummaryLastOffers()}. */
  public record DeclinedOfferStep(Reason reason, int declined, int processed) {}

  /**
   * A snapshot for {@code /v2/queue}.
   *
   * @param lastUnusedOfferAtMs empty if none
   * @param lastUsedOfferAtMs empty if none
   * @param rejectSummaryLastOffers one step per reason in funnel order over the last unused offer of each agent:
   *     {@code processed} is how many of those offers reached this step (all of them minus those declined for an
   *     earlier reason), {@code declined} how many stopped here (Marathon's {@code declinedOfferSteps})
   * @param rejectSummaryLaunchAttempt the same over every offer processed in this launch attempt
   */
  public record Summary(int processedOffersCount, int unusedOffersCount, Optional<Long> lastUnusedOfferAtMs,
      Optional<Long> lastUsedOfferAtMs, List<DeclinedOfferStep> rejectSummaryLastOffers,
      List<DeclinedOfferStep> rejectSummaryLaunchAttempt, List<UnusedOffer> lastUnusedOffers) {}

  private static final class AppStats {
    int processed;
    int unused;
    Long lastUsedAtMs;
    Long lastUnusedAtMs;
    final EnumMap<Reason, Integer> rejectSummary = new EnumMap<>(Reason.class);
    final LinkedHashMap<String, UnusedOffer> lastByAgent = new LinkedHashMap<>();
  }

  /** Records one match attempt of {@code appId} on {@code offer}. */
  public void record(String appId, Offer offer, MatchResult result, long nowMs) {
    Objects.requireNonNull(appId, "appId");
    AppStats s = byApp.computeIfAbsent(appId, k -> new AppStats());
    s.processed++;
    switch (result) {
      case MatchResult.Match m -> s.lastUsedAtMs = nowMs;
      case MatchResult.NoMatch n -> {
        s.unused++;
        s.lastUnusedAtMs = nowMs;
        s.rejectSummary.merge(n.primary(), 1, Integer::sum);
        String agent = offer.agentId() == null ? "" : offer.agentId().value();
        s.lastByAgent.remove(agent); // re-insert so iteration order is oldest first
        s.lastByAgent.put(agent, new UnusedOffer(offer, n.reasons(), nowMs));
        if (s.lastByAgent.size() > maxAgentsPerApp) {
          s.lastByAgent.remove(s.lastByAgent.keySet().iterator().next());
        }
      }
    }
  }

  /** The launch attempt of {@code appId} is over (nothing left to launch, or the app is gone): forget it. */
  public void launchFinished(String appId) { byApp.remove(appId); }

  /** The app's summary; an app never seen has zero counts and empty steps' counts. */
  public Summary summary(String appId) {
    AppStats s = byApp.get(appId);
    if (s == null) {
      return new Summary(0, 0, Optional.empty(), Optional.empty(), steps(0, Map.of()), steps(0, Map.of()), List.of());
    }
    EnumMap<Reason, Integer> lastSummary = new EnumMap<>(Reason.class);
    for (UnusedOffer u : s.lastByAgent.values()) lastSummary.merge(u.reasons().getFirst(), 1, Integer::sum);
    List<UnusedOffer> last = new ArrayList<>(s.lastByAgent.values());
    return new Summary(s.processed, s.unused, Optional.ofNullable(s.lastUnusedAtMs), Optional.ofNullable(s.lastUsedAtMs),
        steps(last.size(), lastSummary), steps(s.processed, s.rejectSummary), List.copyOf(last));
  }

  private static List<DeclinedOfferStep> steps(int processed, Map<Reason, Integer> summary) {
    List<DeclinedOfferStep> out = new ArrayList<>();
    int remaining = processed;
    for (Reason r : Reason.values()) {
      int declined = summary.getOrDefault(r, 0);
      out.add(new DeclinedOfferStep(r, declined, remaining));
      remaining -= declined;
    }
    return out;
  }
}
