package io.drover.bench.zk;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Results of one {@code zk} bench run and their rendering as a console table and as the marked
 * section of docs/benchmarks.md. A peer that was not run (see {@code --only}) shows as "–".
 */
public record Report(ZonedDateTime date, Machine machine, LoadGenerator.Settings settings, String serverJvmOptions,
    String command, List<Integer> readPercents, Map<String, Map<Integer, LoadGenerator.Result>> results,
    Map<String, HeapProbe.HeapUsage> heap) {
  public static final String ZK = "zookeeper";
  public static final String COORD = "coord";
  /** The goal: coord throughput at least this multiple of ZooKeeper's at every read ratio. */
  public static final double THROUGHPUT_GOAL = 1.5;

  Optional<LoadGenerator.Result> result(String peer, int readPercent) {
    return Optional.ofNullable(results.getOrDefault(peer, Map.of()).get(readPercent));
  }

  public String markdown() {
    StringBuilder b = new StringBuilder();
    b.append("### Latest run\n\n");
    b.append("- Date: ").append(date.withZoneSameInstant(ZoneOffset.UTC)
        .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))).append('\n');
    b.append("- Machine: ").append(machine.describe()).append('\n');
    b.append("- Settings: ").append(settings.clients()).append(" clients × ").append(settings.outstanding())
        .append(" outstanding async requests, ").append(settings.keys()).append(" znodes of ")
        .append(settings.valueBytes()).append(" bytes, warm-up ").append(settings.warmupMs() / 1000.0)
        .append(" s, measured ").append(settings.durationMs() / 1000.0).append(" s, seed ").append(settings.seed())
        .append("; each server a separate JVM (`").append(serverJvmOptions)
        .append("`), fsync on, fresh data dir per row; load generator on the same machine\n");
    b.append("- Command: `").append(command).append("`\n\n");
    b.append("| read % | ZooKeeper ops/s | coord ops/s | ratio | ZK p50/p99 ms | coord p50/p99 ms | goal met |\n");
    b.append("|---:|---:|---:|---:|---:|---:|:---:|\n");
    long errors = 0;
    for (int r : readPercents) {
      Optional<LoadGenerator.Result> zk = result(ZK, r);
      Optional<LoadGenerator.Result> coord = result(COORD, r);
      errors += zk.map(LoadGenerator.Result::errors).orElse(0L) + coord.map(LoadGenerator.Result::errors).orElse(0L);
      b.append("| ").append(r).append(" | ").append(zk.map(x -> ops(x.opsPerSec())).orElse("–"))
          .append(" | ").append(coord.map(x -> ops(x.opsPerSec())).orElse("–"))
          .append(" | ").append(ratio(zk, coord)).append(" | ").append(zk.map(Report::latency).orElse("–"))
          .append(" | ").append(coord.map(Report::latency).orElse("–")).append(" | ")
          .append(goalMet(zk, coord)).append(" |\n");
    }
    if (errors > 0) b.append("\n").append(errors).append(" requests failed in the measured windows (see console output).\n");
    b.append("\nGoal: coord ≥ ").append(THROUGHPUT_GOAL).append("× ZooKeeper's ops/s with equal or lower p99 at every read ratio.\n");
    if (!heap.isEmpty()) {
      b.append("\nHeap retained per 100k znodes (used heap after full GC, before and after creating them):\n\n");
      b.append("| server | znodes | data bytes | used before MB | used after MB | MB per 100k znodes |\n");
      b.append("|---|---:|---:|---:|---:|---:|\n");
      for (String peer : List.of(ZK, COORD)) {
        HeapProbe.HeapUsage h = heap.get(peer);
        if (h == null) continue;
        b.append("| ").append(peer.equals(ZK) ? "ZooKeeper" : "coord").append(" | ").append(h.znodes())
            .append(" | ").append(h.valueBytes()).append(" | ").append(mb(h.beforeBytes())).append(" | ")
            .append(mb(h.afterBytes())).append(" | ").append(fmt1(h.mbPer100kZnodes())).append(" |\n");
      }
      HeapProbe.HeapUsage z = heap.get(ZK), c = heap.get(COORD);
      b.append("\ncoord/ZooKeeper heap ratio: ")
          .append(z != null && c != null ? fmt2(c.mbPer100kZnodes() / z.mbPer100kZnodes()) + " (goal ≤ 1)" : "–")
          .append('\n');
    }
    return b.toString();
  }

  public String consoleTable() {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%-10s %6s %12s %10s %10s %10s %8s%n",
        "server", "read%", "ops/s", "p50 ms", "p99 ms", "p999 ms", "errors"));
    for (int r : readPercents) {
      for (String peer : List.of(ZK, COORD)) {
        result(peer, r).ifPresent(x -> b.append(String.format(Locale.ROOT, "%-10s %6d %12s %10.2f %10.2f %10.2f %8d%n",
            peer, r, ops(x.opsPerSec()), x.p50Ms(), x.p99Ms(), x.p999Ms(), x.errors())));
      }
      Optional<LoadGenerator.Result> zk = result(ZK, r), coord = result(COORD, r);
      if (zk.isPresent() && coord.isPresent()) b.append("  coord/ZooKeeper ops ratio: ").append(ratio(zk, coord)).append('\n');
    }
    heap.forEach((peer, h) -> b.append(String.format(Locale.ROOT, "heap %-10s %.1f MB per 100k znodes%n",
        peer, h.mbPer100kZnodes())));
    return b.toString();
  }

  private static String goalMet(Optional<LoadGenerator.Result> zk, Optional<LoadGenerator.Result> coord) {
    if (zk.isEmpty() || coord.isEmpty()) return "–";
    boolean met = coord.get().opsPerSec() >= THROUGHPUT_GOAL * zk.get().opsPerSec()
        && coord.get().p99Ms() <= zk.get().p99Ms();
    return met ? "yes" : "no";
  }

  private static String ratio(Optional<LoadGenerator.Result> zk, Optional<LoadGenerator.Result> coord) {
    if (zk.isEmpty() || coord.isEmpty() || zk.get().opsPerSec() == 0) return "–";
    return fmt2(coord.get().opsPerSec() / zk.get().opsPerSec()) + "×";
  }

  private static String latency(LoadGenerator.Result r) { return fmt2(r.p50Ms()) + " / " + fmt2(r.p99Ms()); }

  private static String ops(double opsPerSec) { return String.format(Locale.ROOT, "%,.0f", opsPerSec); }

  private static String mb(long bytes) { return fmt1(bytes / (1024.0 * 1024.0)); }

  private static String fmt1(double v) { return String.format(Locale.ROOT, "%.1f", v); }

  private static String fmt2(double v) { return String.format(Locale.ROOT, "%.2f", v); }
}
