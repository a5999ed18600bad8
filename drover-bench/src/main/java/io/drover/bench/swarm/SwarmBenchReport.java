package io.drover.bench.swarm;

import java.util.List;
import java.util.Locale;

/** Markdown for the swarm-bench section of docs/benchmarks.md. Pure text in, text out. */
public final class SwarmBenchReport {
  /** Issue 5's goal: Drover takes at most this fraction of Swarm's time, for every figure. */
  public static final double GOAL_RATIO = 0.5;
  public static final String START = "<!-- swarm-bench:start -->";
  public static final String END = "<!-- swarm-bench:end -->";

  /**
   * Where and how the run was made.
   *
   * @param machine {@code Machine.describe()}
   * @param docker the Docker Engine's version
   * @param droverCommand how {@code drover up} was started (ports elided)
   */
  record RunInfo(String date, String machine, String docker, String droverCommand, String command) {}

  private SwarmBenchReport() {}

  /** The Drover/Swarm ratio as shown, and whether it meets the goal. */
  record Ratio(String text, boolean meetsGoal) {}

  /**
   * The ratio of medians; a side that did not finish counts as the timeout, which makes the ratio a bound (Drover
   * unfinished: "> x"; Swarm unfinished: "< x"); neither finished: no ratio.
   */
  static Ratio ratio(SwarmBench.Figure f) {
    SwarmBench.Outcome d = f.drover();
    SwarmBench.Outcome s = f.swarm();
    if (d.finished() && s.finished()) {
      double r = d.spread().ratioTo(s.spread());
      return new Ratio(String.format(Locale.ROOT, "%.2f×", r), r <= GOAL_RATIO);
    }
    if (!d.finished() && s.finished()) {
      return new Ratio(String.format(Locale.ROOT, "> %.1f×", f.timeoutMs() / s.spread().medianMs()), false);
    }
    if (d.finished()) {
      double r = d.spread().medianMs() / f.timeoutMs();
      return new Ratio(String.format(Locale.ROOT, "< %.2f×", r), r <= GOAL_RATIO);
    }
    return new Ratio("–", false);
  }

  static String markdown(List<SwarmBench.Figure> figures, Workload w, SwarmBench.Plan plan, RunInfo run) {
    StringBuilder sb = new StringBuilder("### Latest run\n\n");
    sb.append("- Date: ").append(run.date()).append('\n');
    sb.append("- Machine: ").append(run.machine()).append("; Docker Engine ").append(run.docker()).append('\n');
    sb.append(String.format(Locale.ROOT, "- Workload (both sides): image `%s`, command `/bin/sh -c \"%s\"`, "
        + "limits %.2f CPU and %d MB per container, host networking and no ports; restart delay %d s "
        + "(Swarm `--restart-delay`, Drover `backoffSeconds`), stop grace %d s%n", w.image(), w.command(), w.cpus(),
        w.memMb(), w.restartDelayS(), w.stopGraceS()));
    sb.append(String.format(Locale.ROOT, "- Rolling restart, %d at a time: Swarm `--update-parallelism %d "
        + "--update-delay 0s --update-order start-first`, Drover `upgradeStrategy` `{\"minimumHealthCapacity\": 1, "
        + "\"maximumOverCapacity\": %s}` (%d instances)%n", w.parallelism(), w.parallelism(),
        trim(w.maximumOverCapacity(plan.restartInstances())), plan.restartInstances()));
    sb.append("- Drover: `").append(run.droverCommand()).append("`\n");
    sb.append(String.format(Locale.ROOT, "- %d repetition%s per figure and side (%d for figures reaching more than "
        + "%d instances), alternating which side goes first; median (min–max) in ms%n", plan.reps(),
        plan.reps() == 1 ? "" : "s", plan.largeReps(), SwarmBench.Plan.LARGE));
    sb.append("- Command: `").append(run.command()).append("`\n\n");

    sb.append("| figure | Swarm ms | Drover ms | Drover/Swarm | goal ≤ 0.5× |\n");
    sb.append("|---|---:|---:|---:|:---:|\n");
    int met = 0;
    for (SwarmBench.Figure f : figures) {
      Ratio r = ratio(f);
      if (r.meetsGoal()) met++;
      sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", f.label(), cell(f.swarm(), f.timeoutMs()),
          cell(f.drover(), f.timeoutMs()), r.text(), r.meetsGoal() ? "yes" : "**no**"));
    }
    sb.append('\n');
    sb.append(String.format(Locale.ROOT, "Goal (Drover at most 0.5× Swarm's time for every figure): %s (%d of %d "
        + "figures).%n%n", met == figures.size() ? "**met**" : "**not met**", met, figures.size()));
    for (SwarmBench.Figure f : figures) {
      f.swarm().unfinished().ifPresent(why -> sb.append("- ").append(f.label()).append(", Swarm: ").append(why)
          .append('\n'));
      f.drover().unfinished().ifPresent(why -> sb.append("- ").append(f.label()).append(", Drover: ").append(why)
          .append('\n'));
    }
    if (figures.stream().anyMatch(f -> !f.swarm().finished() || !f.drover().finished())) sb.append('\n');

    sb.append("Drover's launches in the run with the median time (from its tasks' `stagedAt` and `startedAt`, "
        + "relative to the request; launches less than 250 ms apart count as one round):\n\n");
    sb.append("| figure | tasks launched | rounds | largest round | first launch ms | last launch ms "
        + "| longest gap ms | staged→running p50 / max ms |\n");
    sb.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (SwarmBench.Figure f : figures) {
      f.droverTimeline().ifPresent(t -> sb.append(String.format(Locale.ROOT,
          "| %s | %d | %d | %d | %.0f | %.0f | %.0f | %.0f / %.0f |%n", f.label(), t.tasks(), t.rounds(),
          t.largestRound(), t.firstStagedMs(), t.lastStagedMs(), t.longestGapMs(), t.stagedToRunningMedianMs(),
          t.stagedToRunningMaxMs())));
    }
    return sb.toString();
  }

  static String cell(SwarmBench.Outcome o, double timeoutMs) {
    if (o.finished()) return cell(o.spread());
    String unfinished = String.format(Locale.ROOT, "did not finish in %,.0f", timeoutMs);
    return o.samplesMs().isEmpty() ? unfinished
        : unfinished + String.format(Locale.ROOT, " (%d finished: %s)", o.samplesMs().size(), cell(o.spread()));
  }

  static String cell(Spread s) {
    return s.count() == 1 ? String.format(Locale.ROOT, "%,.0f", s.medianMs())
        : String.format(Locale.ROOT, "%,.0f (%,.0f–%,.0f)", s.medianMs(), s.minMs(), s.maxMs());
  }

  private static String trim(double v) {
    String s = String.format(Locale.ROOT, "%.3f", v);
    return s.replaceAll("0+$", "").replaceAll("\\.$", "");
  }
}
