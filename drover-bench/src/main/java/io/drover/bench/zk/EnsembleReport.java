package io.drover.bench.zk;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * Results of one {@code ensemble} bench run, rendered as a console summary and as the marked
 * ensemble section of docs/benchmarks.md. A side that did not run ({@code --only}) shows as "–".
 */
public record EnsembleReport(ZonedDateTime date, Machine machine, EnsembleBench.Plan plan,
    Map<String, Map<Integer, LoadGenerator.Result>> results, Map<String, List<FailoverProbe.Outcome>> failovers) {
  public static final String START = "<!-- ensemble-bench:start -->";
  public static final String END = "<!-- ensemble-bench:end -->";
  public static final String ZK = "zookeeper";
  public static final String COORD = "coord";
  /** The goals: coord ≥ 1.5× ZooKeeper's ops/s at every read ratio, failover ≤ 0.5× ZooKeeper's. */
  public static final double THROUGHPUT_GOAL = 1.5;
  public static final double FAILOVER_GOAL = 0.5;

  public EnsembleReport {
    results = Map.copyOf(results);
    failovers = Map.copyOf(failovers);
  }

  Optional<LoadGenerator.Result> result(String peer, int readPercent) {
    return Optional.ofNullable(results.getOrDefault(peer, Map.of()).get(readPercent));
  }

  /** Median over the repetitions of {@code figure} (e.g. the first client's failover time); NaN when not run. */
  double failoverMedianMs(String peer, ToDoubleFunction<FailoverProbe.Outcome> figure) {
    return Stats.median(failovers.getOrDefault(peer, List.of()).stream().map(figure::applyAsDouble).toList());
  }

  /** coord/ZooKeeper throughput at {@code readPercent}; NaN when either side is missing. */
  double throughputRatio(int readPercent) {
    Optional<LoadGenerator.Result> zk = result(ZK, readPercent), coord = result(COORD, readPercent);
    if (zk.isEmpty() || coord.isEmpty() || zk.get().opsPerSec() == 0) return Double.NaN;
    return coord.get().opsPerSec() / zk.get().opsPerSec();
  }

  /** coord/ZooKeeper of the median first-client failover time; NaN when either side is missing. */
  double failoverRatio() {
    return failoverMedianMs(COORD, FailoverProbe.Outcome::minMs) / failoverMedianMs(ZK, FailoverProbe.Outcome::minMs);
  }

  public String markdown() {
    StringBuilder b = new StringBuilder();
    LoadGenerator.Settings s = plan.load();
    Placement.QuorumTiming t = plan.timing();
    b.append("### Latest run\n\n");
    b.append("- Date: ").append(date.withZoneSameInstant(ZoneOffset.UTC)
        .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))).append('\n');
    b.append("- Machine: ").append(machine.describe()).append('\n');
    b.append("- Ensembles: ").append(plan.size()).append(" servers per side, each a separate JVM (`")
        .append(String.join(" ", plan.launch().jvmOptions())).append("`) on loopback, fresh data dirs per row; tickTime ")
        .append(t.tickTimeMs()).append(" ms, initLimit ").append(t.initLimitTicks()).append(", syncLimit ")
        .append(t.syncLimitTicks()).append(coordTimingNote()).append("; fsync on for both\n");
    b.append("- Load: ").append(s.clients()).append(" clients (spread evenly over the servers) × ")
        .append(s.outstanding()).append(" outstanding async requests, ").append(s.keys()).append(" znodes of ")
        .append(s.valueBytes()).append(" bytes, warm-up ").append(s.warmupMs() / 1000.0).append(" s, measured ")
        .append(s.durationMs() / 1000.0).append(" s, seed ").append(s.seed()).append("; load generator on the same machine\n");
    FailoverProbe.Settings f = plan.failover();
    b.append("- Failover: ").append(plan.failoverReps()).append(" repetitions per side, ").append(f.clients())
        .append(" sessions (session timeout ").append(f.sessionTimeoutMs()).append(" ms) each writing its own znode in a loop, ")
        .append(f.steadyMs() / 1000.0).append(" s steady, then kill -9 of the leader (`srvr` Mode: leader)\n");
    b.append("- Command: `").append(plan.command()).append("`\n\n");

    b.append("| read % | ZooKeeper ops/s | coord ops/s | ratio | ZK p50/p99 ms | coord p50/p99 ms | goal met |\n");
    b.append("|---:|---:|---:|---:|---:|---:|:---:|\n");
    long errors = 0;
    for (int r : plan.readPercents()) {
      Optional<LoadGenerator.Result> zk = result(ZK, r), coord = result(COORD, r);
      errors += zk.map(LoadGenerator.Result::errors).orElse(0L) + coord.map(LoadGenerator.Result::errors).orElse(0L);
      double ratio = throughputRatio(r);
      b.append("| ").append(r).append(" | ").append(zk.map(x -> ops(x.opsPerSec())).orElse("–"))
          .append(" | ").append(coord.map(x -> ops(x.opsPerSec())).orElse("–"))
          .append(" | ").append(Double.isNaN(ratio) ? "–" : fmt2(ratio) + "×")
          .append(" | ").append(zk.map(EnsembleReport::latency).orElse("–"))
          .append(" | ").append(coord.map(EnsembleReport::latency).orElse("–"))
          .append(" | ").append(Double.isNaN(ratio) ? "–" : ratio >= THROUGHPUT_GOAL ? "yes" : "no").append(" |\n");
    }
    if (errors > 0) b.append("\n").append(errors).append(" requests failed in the measured windows (see console output).\n");
    b.append("\nGoal: coord ≥ ").append(THROUGHPUT_GOAL).append("× ZooKeeper's ops/s at every read ratio.\n");

    if (plan.failoverReps() > 0) {
      b.append("\nFailover: from kill -9 of the leader to each client's first successful write issued after it, ms")
          .append(" (first client / median client / last client):\n\n");
      b.append("| repetition | ZooKeeper | coord |\n|---:|---:|---:|\n");
      for (int i = 0; i < plan.failoverReps(); i++) {
        b.append("| ").append(i + 1).append(" | ").append(outcome(ZK, i)).append(" | ").append(outcome(COORD, i)).append(" |\n");
      }
      b.append("| **median** | ").append(medians(ZK)).append(" | ").append(medians(COORD)).append(" |\n");
      double ratio = failoverRatio();
      b.append("\ncoord/ZooKeeper failover ratio (median first client): ")
          .append(Double.isNaN(ratio) ? "–" : fmt2(ratio) + (ratio <= FAILOVER_GOAL ? " (goal met)" : " (goal not met)"))
          .append("; median client: ").append(fmtRatio(failoverMedianMs(COORD, FailoverProbe.Outcome::medianMs)
              / failoverMedianMs(ZK, FailoverProbe.Outcome::medianMs)))
          .append(". Goal: ≤ ").append(FAILOVER_GOAL).append("× ZooKeeper's failover time.\n");
      int unrecovered = failovers.values().stream().flatMap(List::stream).mapToInt(FailoverProbe.Outcome::unrecoveredClients).sum();
      if (unrecovered > 0) {
        b.append("\n").append(unrecovered).append(" client failovers did not complete within ")
            .append(f.recoveryTimeoutMs() / 1000.0).append(" s and are not in the figures.\n");
      }
    }
    return b.toString();
  }

  private String coordTimingNote() {
    Optional<Peer.Coord> coord = plan.peers().stream()
        .flatMap(p -> p instanceof Peer.Coord c ? Stream.of(c) : Stream.empty()).findFirst();
    if (coord.isEmpty()) return "";
    Peer.Coord c = coord.get();
    String timing = "--tick-time " + plan.timing().tickTimeMs() + " --init-limit " + plan.timing().initLimitTicks()
        + " --sync-limit " + plan.timing().syncLimitTicks();
    return " (coord gets `" + timing + (c.ensembleExtraArgs().isEmpty() ? "" : " " + String.join(" ",
        c.ensembleExtraArgs())) + "`)";
  }

  private String outcome(String peer, int index) {
    List<FailoverProbe.Outcome> list = failovers.getOrDefault(peer, List.of());
    if (index >= list.size()) return "–";
    FailoverProbe.Outcome o = list.get(index);
    String figures = fmt1(o.minMs()) + " / " + fmt1(o.medianMs()) + " / " + fmt1(o.maxMs());
    return o.unrecoveredClients() > 0 ? figures + " (" + o.unrecoveredClients() + " not recovered)" : figures;
  }

  private String medians(String peer) {
    if (failovers.getOrDefault(peer, List.of()).isEmpty()) return "–";
    return "**" + fmt1(failoverMedianMs(peer, FailoverProbe.Outcome::minMs)) + "** / "
        + fmt1(failoverMedianMs(peer, FailoverProbe.Outcome::medianMs)) + " / "
        + fmt1(failoverMedianMs(peer, FailoverProbe.Outcome::maxMs));
  }

  public String consoleTable() {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%-10s %6s %12s %10s %10s %10s %8s%n",
        "ensemble", "read%", "ops/s", "p50 ms", "p99 ms", "p999 ms", "errors"));
    for (int r : plan.readPercents()) {
      for (String peer : List.of(ZK, COORD)) {
        result(peer, r).ifPresent(x -> b.append(String.format(Locale.ROOT, "%-10s %6d %12s %10.2f %10.2f %10.2f %8d%n",
            peer, r, ops(x.opsPerSec()), x.p50Ms(), x.p99Ms(), x.p999Ms(), x.errors())));
      }
      double ratio = throughputRatio(r);
      if (!Double.isNaN(ratio)) {
        b.append("  coord/ZooKeeper ops ratio: ").append(fmt2(ratio)).append("× (goal ≥ ").append(THROUGHPUT_GOAL).append(")\n");
      }
    }
    for (String peer : List.of(ZK, COORD)) {
      if (failovers.getOrDefault(peer, List.of()).isEmpty()) continue;
      b.append(String.format(Locale.ROOT, "failover %-10s median first client %s ms, median client %s ms%n", peer,
          fmt1(failoverMedianMs(peer, FailoverProbe.Outcome::minMs)), fmt1(failoverMedianMs(peer, FailoverProbe.Outcome::medianMs))));
    }
    double ratio = failoverRatio();
    if (!Double.isNaN(ratio)) b.append("  coord/ZooKeeper failover ratio: ").append(fmt2(ratio)).append(" (goal ≤ ").append(FAILOVER_GOAL).append(")\n");
    return b.toString();
  }

  private static String latency(LoadGenerator.Result r) { return fmt2(r.p50Ms()) + " / " + fmt2(r.p99Ms()); }

  private static String ops(double opsPerSec) { return String.format(Locale.ROOT, "%,.0f", opsPerSec); }

  private static String fmtRatio(double v) { return Double.isNaN(v) ? "–" : fmt2(v); }

  static String fmt1(double v) { return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f", v); }

  private static String fmt2(double v) { return String.format(Locale.ROOT, "%.2f", v); }
}
