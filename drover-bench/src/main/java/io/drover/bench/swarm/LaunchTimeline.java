package io.drover.bench.swarm;

import java.util.Comparator;
import java.util.List;

/**
 * Where Drover's time went in one measurement, from its tasks' {@code stagedAt} (the launch sent to the agent) and
 * {@code startedAt} (TASK_RUNNING) relative to the request. Launches less than {@link #ROUND_GAP_MS} apart form one
 * round (one offer's worth); the longest gap between launches shows a wait (for an offer, or for launch tokens).
 *
 * @param tasks tasks staged at or after the request
 * @param firstStagedMs request to the first launch
 * @param lastStagedMs request to the last launch
 * @param rounds groups of launches
 * @param largestRound most launches in one group
 * @param longestGapMs longest time between two consecutive launches (0 for one task)
 * @param stagedToRunningMedianMs median of each task's startedAt − stagedAt
 * @param stagedToRunningMaxMs the largest of those
 */
public record LaunchTimeline(int tasks, double firstStagedMs, double lastStagedMs, int rounds, int largestRound,
    double longestGapMs, double stagedToRunningMedianMs, double stagedToRunningMaxMs) {
  static final long ROUND_GAP_MS = 250;

  /** One task: epoch ms of its launch and of TASK_RUNNING. */
  public record Task(long stagedAtMs, long startedAtMs) {}

  /** The timeline of the tasks staged at or after {@code requestMs} (epoch ms); empty input gives none. */
  public static java.util.Optional<LaunchTimeline> of(long requestMs, List<Task> all) {
    List<Task> tasks = all.stream().filter(t -> t.stagedAtMs() >= requestMs)
        .sorted(Comparator.comparingLong(Task::stagedAtMs)).toList();
    if (tasks.isEmpty()) return java.util.Optional.empty();
    int rounds = 1;
    int round = 1;
    int largest = 1;
    long longestGap = 0;
    for (int i = 1; i < tasks.size(); i++) {
      long gap = tasks.get(i).stagedAtMs() - tasks.get(i - 1).stagedAtMs();
      longestGap = Math.max(longestGap, gap);
      if (gap >= ROUND_GAP_MS) {
        rounds++;
        round = 1;
      } else {
        round++;
      }
      largest = Math.max(largest, round);
    }
    Spread s = Spread.ofMs(tasks.stream().map(t -> (double) (t.startedAtMs() - t.stagedAtMs())).toList());
    return java.util.Optional.of(new LaunchTimeline(tasks.size(), tasks.getFirst().stagedAtMs() - requestMs,
        tasks.getLast().stagedAtMs() - requestMs, rounds, largest, longestGap, s.medianMs(), s.maxMs()));
  }
}
