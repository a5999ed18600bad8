package io.drover.apps.deploy;

import io.drover.apps.model.KillSelection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Marathon's {@code ScalingProposition}: which instances a scale kills and how many it launches.
 *
 * @param toKill instance ids to kill, in kill order
 * @param toStart instances to launch once the kills are done
 */
public record ScalingProposition(List<String> toKill, int toStart) {
  public ScalingProposition { toKill = List.copyOf(toKill); }

  /**
   * @param instances the app's instances; only active ones (not gone, not UNREACHABLE_INACTIVE) count
   * @param sentenced instances the caller wants killed first (killed even beyond the surplus)
   * @param scaleTo the target count
   * @param selection the app's kill selection for the remaining surplus, see {@link KillOrder}
   */
  public static ScalingProposition propose(
      List<InstanceView> instances, List<String> sentenced, int scaleTo, KillSelection selection) {
    Map<String, InstanceView> running = new LinkedHashMap<>();
    for (InstanceView i : instances) {
      if (countsAsRunning(i.condition())) running.put(i.id(), i);
    }
    Set<String> sentencedIds = new HashSet<>();
    List<String> ordered = new ArrayList<>();
    for (String id : sentenced) if (running.containsKey(id) && sentencedIds.add(id)) ordered.add(id);
    int killCount = Math.max(running.size() - scaleTo, ordered.size());
    running.values().stream()
        .filter(i -> !sentencedIds.contains(i.id()))
        .sorted(KillOrder.byConditionAndDate(selection))
        .forEach(i -> ordered.add(i.id()));
    return new ScalingProposition(ordered.subList(0, killCount), scaleTo - running.size() + killCount);
  }

  /** Counted toward the instance count by a scale: not gone, or unreachable (its replacement is not ours to make). */
  static boolean countsAsRunning(InstanceCondition condition) {
    return !condition.consideredGone() || condition == InstanceCondition.UNREACHABLE;
  }
}
