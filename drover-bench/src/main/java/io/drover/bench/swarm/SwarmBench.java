package io.drover.bench.swarm;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The figures of issue 5's Swarm comparison, each repeated and measured on both sides in alternating order. A
 * figure's clock starts just before the request (CLI call or HTTP request) and stops at the first poll where the
 * orchestrator reports the expected tasks running and {@code docker ps} shows the same number of containers. Every
 * workload is removed (and its containers gone) before the next measurement.
 */
final class SwarmBench {
  /**
   * What to measure.
   *
   * @param startSizes N for "request to N running"
   * @param scaleFrom instances before the scale-up (not timed)
   * @param scaleTo instances after it
   * @param restartInstances instances of the rolling restart
   * @param killInstances instances of the kill-and-replace figure
   * @param reps repetitions per figure and side
   * @param largeReps repetitions of the figures that reach more than {@link #LARGE} instances (Swarm takes about a
   *     minute per 200 containers here, so 3 repetitions of them alone would take some 15 minutes)
   */
  record Plan(List<Integer> startSizes, int scaleFrom, int scaleTo, int restartInstances, int killInstances, int reps,
      int largeReps) {
    static final int LARGE = 50;

    Plan {
      startSizes = List.copyOf(startSizes);
      if (reps < 1 || largeReps < 1 || scaleFrom < 1 || scaleTo <= scaleFrom || restartInstances < 1 || killInstances < 1) {
        throw new IllegalArgumentException("bad plan");
      }
    }
  }

  /**
   * One side's result for a figure: the times of its finished runs, and why it stopped repeating if a run did not
   * finish within the figure timeout (then that side is not repeated for the figure).
   */
  record Outcome(List<Double> samplesMs, Optional<String> unfinished) {
    Outcome {
      samplesMs = List.copyOf(samplesMs);
      if (samplesMs.isEmpty() && unfinished.isEmpty()) throw new IllegalArgumentException("no result");
    }

    static Outcome of(double... ms) {
      return new Outcome(java.util.Arrays.stream(ms).boxed().toList(), Optional.empty());
    }

    boolean finished() { return unfinished.isEmpty(); }

    Spread spread() { return Spread.ofMs(samplesMs); }
  }

  /**
   * One figure's outcomes, and Drover's launch timeline in the run whose time was closest to its median (if any).
   *
   * @param timeoutMs the figure timeout, the lower bound of a run that did not finish
   */
  record Figure(String label, Outcome swarm, Outcome drover, Optional<LaunchTimeline> droverTimeline,
      double timeoutMs) {}

  @FunctionalInterface
  private interface Measurement {
    /** Runs one timed measurement against {@code side} with a fresh workload {@code id}; returns its ms. */
    Timed run(Orchestrator side, String id) throws IOException, InterruptedException;
  }

  private record Timed(double ms, Optional<LaunchTimeline> timeline) {}

  private final Plan plan;
  private final Duration figureTimeout;
  private final SwarmSide swarm;
  private final DroverSide.Launcher droverLauncher;
  private final PrintStream out;
  private DroverSide drover;
  private int sequence;

  SwarmBench(Plan plan, Duration figureTimeout, SwarmSide swarm, DroverSide.Launcher droverLauncher, PrintStream out) {
    this.plan = plan;
    this.figureTimeout = figureTimeout;
    this.swarm = swarm;
    this.droverLauncher = droverLauncher;
    this.out = out;
  }

  /** Starts {@code drover up}, measures every figure on both sides, and stops Drover again. */
  List<Figure> run() throws IOException, InterruptedException {
    drover = droverLauncher.start();
    out.println("drover: up (log " + drover.upLog() + ")");
    try {
      return figures();
    } finally {
      drover.close();
    }
  }

  private List<Figure> figures() throws IOException, InterruptedException {
    List<Figure> figures = new ArrayList<>();
    for (int n : plan.startSizes()) {
      figures.add(figure("request to " + n + " running", repsFor(n), (side, id) -> {
        Timed t = timed(side, id, () -> side.create(id, n), o -> o.settledAt(n), n + " running");
        side.remove(id);
        return t;
      }));
    }
    figures.add(figure("scale " + plan.scaleFrom() + " → " + plan.scaleTo(), repsFor(plan.scaleTo()), (side, id) -> {
      side.create(id, plan.scaleFrom());
      awaitSettled(side, id, plan.scaleFrom());
      Timed t = timed(side, id, () -> side.scale(id, plan.scaleTo()), o -> o.settledAt(plan.scaleTo()),
          plan.scaleTo() + " running after the scale");
      side.remove(id);
      return t;
    }));
    int r = plan.restartInstances();
    figures.add(figure("rolling restart of " + r, repsFor(r), (side, id) -> {
      side.create(id, r);
      awaitSettled(side, id, r);
      var old = side.observe(id).runningTaskIds();
      Timed t = timed(side, id, () -> side.restart(id),
          o -> o.settledAt(r) && o.runningTaskIds().stream().noneMatch(old::contains), "all " + r + " replaced");
      side.remove(id);
      return t;
    }));
    int k = plan.killInstances();
    figures.add(figure("killed container replaced (of " + k + ")", repsFor(k), (side, id) -> {
      side.create(id, k);
      awaitSettled(side, id, k);
      Observation before = side.observe(id);
      String victim = before.containers().getFirst();
      Timed t = timed(side, id, () -> Cli.docker("kill", victim),
          o -> o.settledAt(k) && !o.containers().contains(victim) && !o.runningTaskIds().equals(before.runningTaskIds()),
          "the killed container replaced");
      side.remove(id);
      return t;
    }));
    return figures;
  }

  private int repsFor(int instances) {
    return instances > Plan.LARGE ? plan.largeReps() : plan.reps();
  }

  private Figure figure(String label, int reps, Measurement m) throws IOException, InterruptedException {
    List<Timed> swarmRuns = new ArrayList<>();
    List<Timed> droverRuns = new ArrayList<>();
    Optional<String> swarmUnfinished = Optional.empty();
    Optional<String> droverUnfinished = Optional.empty();
    for (int rep = 0; rep < reps; rep++) {
      // Alternate which side goes first, so a drift in the machine's load does not favour one.
      boolean swarmFirst = rep % 2 == 0;
      for (int i = 0; i < 2; i++) {
        boolean onSwarm = (i == 0) == swarmFirst;
        if (onSwarm ? swarmUnfinished.isPresent() : droverUnfinished.isPresent()) continue;
        Orchestrator side = onSwarm ? swarm : drover;
        String id = "drover-bench-" + (++sequence);
        try {
          Timed t = m.run(side, id);
          (onSwarm ? swarmRuns : droverRuns).add(t);
          out.printf(Locale.ROOT, "%-40s %-6s rep %d: %8.0f ms%s%n", label, side.name(), rep + 1, t.ms(),
              t.timeline().map(SwarmBench::describe).orElse(""));
        } catch (Unfinished e) {
          out.printf(Locale.ROOT, "%-40s %-6s rep %d: did not finish: %s%n", label, side.name(), rep + 1,
              e.getMessage());
          if (onSwarm) {
            swarmUnfinished = Optional.of(e.getMessage());
            swarm.remove(id);
          } else {
            droverUnfinished = Optional.of(e.getMessage());
            drover.discard();
            drover = droverLauncher.start();
            out.println("drover: a fresh drover up (log " + drover.upLog() + ")");
          }
        }
      }
    }
    Outcome d = new Outcome(droverRuns.stream().map(Timed::ms).toList(), droverUnfinished);
    Optional<LaunchTimeline> timeline = droverRuns.isEmpty() ? Optional.empty() : droverRuns.stream()
        .min(java.util.Comparator.comparingDouble(x -> Math.abs(x.ms() - d.spread().medianMs())))
        .flatMap(Timed::timeline);
    return new Figure(label, new Outcome(swarmRuns.stream().map(Timed::ms).toList(), swarmUnfinished), d, timeline,
        figureTimeout.toMillis());
  }

  /** A measured state not reached within the figure timeout. */
  static final class Unfinished extends IOException {
    Unfinished(String message) { super(message); }
  }

  private static String describe(LaunchTimeline t) {
    return String.format(Locale.ROOT, "  (%d launched in %d rounds of ≤ %d, first %.0f ms, last %.0f ms, "
        + "longest gap %.0f ms, staged→running p50 %.0f ms)", t.tasks(), t.rounds(), t.largestRound(),
        t.firstStagedMs(), t.lastStagedMs(), t.longestGapMs(), t.stagedToRunningMedianMs());
  }

  @FunctionalInterface
  private interface Request {
    void send() throws IOException, InterruptedException;
  }

  @FunctionalInterface
  private interface Done {
    boolean test(Observation o);
  }

  private Timed timed(Orchestrator side, String id, Request request, Done done, String what)
      throws IOException, InterruptedException {
    long wallMs = System.currentTimeMillis();
    long t0 = System.nanoTime();
    request.send();
    Observation[] last = new Observation[1];
    try {
      Poll.until(side.name() + ": " + what + " (" + id + ")", figureTimeout, () -> done.test(last[0] = side.observe(id)));
    } catch (Poll.TimedOut e) {
      throw new Unfinished(String.format(Locale.ROOT, "%s not reached within %d s (last seen: %d tasks running, %d "
          + "containers)", what, figureTimeout.toSeconds(), last[0] == null ? 0 : last[0].runningTaskIds().size(),
          last[0] == null ? 0 : last[0].containers().size()));
    }
    double ms = (System.nanoTime() - t0) / 1e6;
    Optional<LaunchTimeline> timeline = side == drover
        ? LaunchTimeline.of(wallMs, drover.taskTimes(id)) : Optional.empty();
    return new Timed(ms, timeline);
  }

  /** Waits for the (untimed) starting state of a figure; not reaching it counts as the figure not finishing. */
  private void awaitSettled(Orchestrator side, String id, int n) throws IOException, InterruptedException {
    try {
      Poll.until(side.name() + ": " + n + " running (" + id + ")", figureTimeout, () -> side.observe(id).settledAt(n));
    } catch (Poll.TimedOut e) {
      throw new Unfinished("the starting state (" + n + " running) not reached within " + figureTimeout.toSeconds()
          + " s");
    }
  }
}
