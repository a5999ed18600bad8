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

  static boolean meetsGoal(SwarmBench.Figure f) {
    return f.drover().ratioTo(f.swarm()) <= GOAL_RATIO;
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
    sb.append(String.format(Locale.ROOT, "- %d repetition%s per figure and side, alternating which side goes first; "
        + "median (min–max) in ms%n", plan.reps(), plan.reps() == 1 ? "" : "s"));
    sb.append("- Command: `").append(run.command()).append("`\n\n");

    sb.append("| figure | Swarm ms | Drover ms | Drover/Swarm | goal ≤ 0.5× |\n");
    sb.append("|---|---:|---:|---:|:---:|\n");
    int met = 0;
    for (SwarmBench.Figure f : figures) {
      boolean ok = meetsGoal(f);
      if (ok) met++;
      sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f× | %s |%n", f.label(), cell(f.swarm()),
          cell(f.drover()), f.drover().ratioTo(f.swarm()), ok ? "yes" : "**no**"));
    }
    sb.append('\n');
    sb.append(String.format(Locale.ROOT, "Goal (Drover at most 0.5× Swarm's time for every figure): %s (%d of %d "
        + "figures).%n%n", met == figures.size() ? "**met**" : "**not met**", met, figures.size()));

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

  static String cell(Spread s) {
    return s.count() == 1 ? String.format(Locale.ROOT, "%,.0f", s.medianMs())
        : String.format(Locale.ROOT, "%,.0f (%,.0f–%,.0f)", s.medianMs(), s.minMs(), s.maxMs());
  }

  private static String trim(double v) {
    String s = String.format(Locale.ROOT, "%.3f", v);
    return s.replaceAll("0+$", "").replaceAll("\\.$", "");
  }
}
