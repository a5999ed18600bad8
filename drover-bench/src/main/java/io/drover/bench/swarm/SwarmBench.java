package io.drover.bench.swarm;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The figures of issue 5's Swarm comparison, each repeated and measured on both sides in alternating order. A
 * figure's clock starts just before the request (CLI call or HTTP request) and stops at the first poll where the
 * orchestrator reports the expected tasks running and {@code docker ps} shows the same number of containers. Every
 * workload is removed (and its containers gone) before the next measurement.
 */
final class SwarmBench {
  static final Duration FIGURE_TIMEOUT = Duration.ofSeconds(300);

  /**
   * What to measure.
   *
   * @param startSizes N for "request to N running"
   * @param scaleFrom instances before the scale-up (not timed)
   * @param scaleTo instances after it
   * @param restartInstances instances of the rolling restart
   * @param killInstances instances of the kill-and-replace figure
   * @param reps repetitions per figure and side
   */
  record Plan(List<Integer> startSizes, int scaleFrom, int scaleTo, int restartInstances, int killInstances, int reps) {
    Plan {
      startSizes = List.copyOf(startSizes);
      if (reps < 1 || scaleFrom < 1 || scaleTo <= scaleFrom || restartInstances < 1 || killInstances < 1) {
        throw new IllegalArgumentException("bad plan");
      }
    }
  }

  /** One figure's timings, and Drover's launch timeline in the run whose time was the median (if any). */
  record Figure(String label, Spread swarm, Spread drover, Optional<LaunchTimeline> droverTimeline) {}

  @FunctionalInterface
  private interface Measurement {
    /** Runs one timed measurement against {@code side} with a fresh workload {@code id}; returns its ms. */
    Timed run(Orchestrator side, String id) throws IOException, InterruptedException;
  }

  private record Timed(double ms, Optional<LaunchTimeline> timeline) {}

  private final Plan plan;
  private final SwarmSide swarm;
  private final DroverSide drover;
  private final PrintStream out;
  private int sequence;

  SwarmBench(Plan plan, SwarmSide swarm, DroverSide drover, PrintStream out) {
    this.plan = plan;
    this.swarm = swarm;
    this.drover = drover;
    this.out = out;
  }

  List<Figure> run() throws IOException, InterruptedException {
    List<Figure> figures = new ArrayList<>();
    for (int n : plan.startSizes()) {
      figures.add(figure("request to " + n + " running", (side, id) -> {
        Timed t = timed(side, id, () -> side.create(id, n), o -> o.settledAt(n), n + " running");
        side.remove(id);
        return t;
      }));
    }
    figures.add(figure("scale " + plan.scaleFrom() + " → " + plan.scaleTo(), (side, id) -> {
      side.create(id, plan.scaleFrom());
      awaitSettled(side, id, plan.scaleFrom());
      Timed t = timed(side, id, () -> side.scale(id, plan.scaleTo()), o -> o.settledAt(plan.scaleTo()),
          plan.scaleTo() + " running after the scale");
      side.remove(id);
      return t;
    }));
    int r = plan.restartInstances();
    figures.add(figure("rolling restart of " + r, (side, id) -> {
      side.create(id, r);
      awaitSettled(side, id, r);
      var old = side.observe(id).runningTaskIds();
      Timed t = timed(side, id, () -> side.restart(id),
          o -> o.settledAt(r) && o.runningTaskIds().stream().noneMatch(old::contains), "all " + r + " replaced");
      side.remove(id);
      return t;
    }));
    int k = plan.killInstances();
    figures.add(figure("killed container replaced (of " + k + ")", (side, id) -> {
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

  private Figure figure(String label, Measurement m) throws IOException, InterruptedException {
    Map<Orchestrator, List<Timed>> results = new LinkedHashMap<>();
    results.put(swarm, new ArrayList<>());
    results.put(drover, new ArrayList<>());
    for (int rep = 0; rep < plan.reps(); rep++) {
      // Alternate which side goes first, so a drift in the machine's load does not favour one.
      List<Orchestrator> order = rep % 2 == 0 ? List.of(swarm, drover) : List.of(drover, swarm);
      for (Orchestrator side : order) {
        String id = "drover-bench-" + (++sequence);
        Timed t = m.run(side, id);
        results.get(side).add(t);
        out.printf(Locale.ROOT, "%-40s %-6s rep %d: %8.0f ms%s%n", label, side.name(), rep + 1, t.ms(),
            t.timeline().map(SwarmBench::describe).orElse(""));
      }
    }
    Spread s = Spread.ofMs(results.get(swarm).stream().map(Timed::ms).toList());
    List<Timed> d = results.get(drover);
    Spread ds = Spread.ofMs(d.stream().map(Timed::ms).toList());
    Timed closest = d.stream().min(java.util.Comparator.comparingDouble(x -> Math.abs(x.ms() - ds.medianMs()))).orElseThrow();
    return new Figure(label, s, ds, closest.timeline());
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
    Poll.until(side.name() + ": " + what + " (" + id + ")", FIGURE_TIMEOUT, () -> done.test(side.observe(id)));
    double ms = (System.nanoTime() - t0) / 1e6;
    Optional<LaunchTimeline> timeline = side == drover
        ? LaunchTimeline.of(wallMs, drover.taskTimes(id)) : Optional.empty();
    return new Timed(ms, timeline);
  }

  private static void awaitSettled(Orchestrator side, String id, int n) throws IOException, InterruptedException {
    Poll.until(side.name() + ": " + n + " running (" + id + ")", FIGURE_TIMEOUT, () -> side.observe(id).settledAt(n));
  }
}
