package io.drover.apps.deploy;

import io.drover.apps.model.KillSelection;
import java.util.Comparator;

/**
 * Which instance to kill first (Marathon's {@code ScalingProposition.sortByConditionAndDate}): unreachable, then
 * staging, then starting, then running, then anything else; among staging instances by staging time, among started
 * ones by start time (never-started first), both as the app's {@link KillSelection} says. Ties go by id so the order
 * is total and deterministic.
 */
public final class KillOrder {
  private KillOrder() {}

  public static Comparator<InstanceView> byConditionAndDate(KillSelection selection) {
    return (a, b) -> {
      int byWeight = Integer.compare(weight(a.condition()), weight(b.condition()));
      if (byWeight != 0) return byWeight;
      int byTime = byTime(selection, a, b);
      return byTime != 0 ? byTime : a.id().compareTo(b.id());
    };
  }

  /**
   * A rolling restart's order for old instances: those not considered healthy first (Marathon's
   * {@code TaskReplaceActor.State.toKillOrdered}), then {@link #byConditionAndDate}.
   */
  public static Comparator<InstanceView> forRestart(RunSpec spec) {
    Comparator<InstanceView> unhealthyFirst = Comparator.comparing(i -> i.consideredHealthy(spec));
    return unhealthyFirst.thenComparing(byConditionAndDate(spec.killSelection()));
  }

  private static int byTime(KillSelection selection, InstanceView a, InstanceView b) {
    boolean bothStaging = a.condition() == InstanceCondition.STAGING && b.condition() == InstanceCondition.STAGING;
    boolean bothStarting = a.condition() == InstanceCondition.STARTING && b.condition() == InstanceCondition.STARTING;
    if (bothStaging || bothStarting) return select(selection, a.stagedAtMs(), b.stagedAtMs());
    if (a.startedAtMs().isEmpty() || b.startedAtMs().isEmpty()) {
      return Boolean.compare(a.startedAtMs().isPresent(), b.startedAtMs().isPresent()); // never started goes first
    }
    return select(selection, a.startedAtMs().getAsLong(), b.startedAtMs().getAsLong());
  }

  private static int select(KillSelection selection, long aMs, long bMs) {
    if (aMs == bMs) return 0;
    boolean aFirst = switch (selection) {
      case YOUNGEST_FIRST -> aMs > bMs; // the instance that started last goes first
      case OLDEST_FIRST -> aMs < bMs;
    };
    return aFirst ? -1 : 1;
  }

  private static int weight(InstanceCondition condition) {
    return switch (condition) {
      case UNREACHABLE -> 1;
      case STAGING -> 2;
      case STARTING -> 3;
      case RUNNING -> 4;
      case SCHEDULED, PROVISIONED, KILLING, UNREACHABLE_INACTIVE, ERROR, FAILED, FINISHED, KILLED, GONE, DROPPED,
          UNKNOWN -> 5;
    };
  }
}
