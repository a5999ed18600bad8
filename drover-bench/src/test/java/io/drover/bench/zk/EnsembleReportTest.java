package io.drover.bench.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnsembleReportTest {
  private static final Machine MACHINE = new Machine(2, "Test CPU", 4096, "Linux 6.0", "JDK 25", "0.50 0.40 0.30");
  private static final ZonedDateTime DATE = ZonedDateTime.of(2026, 1, 2, 3, 4, 0, 0, ZoneOffset.UTC);

  private static EnsembleBench.Plan plan(List<Peer> peers, int reps) {
    return new EnsembleBench.Plan(3, LoadGenerator.Settings.defaults(0), List.of(0, 100), peers,
        new Placement.QuorumTiming(2000, 10, 5), new FailoverProbe.Settings(6, 1024, 3_000, 60_000, 30_000), reps,
        new Servers.Launch(Path.of("java"), "cp", List.of("-Xmx512m"), 1_000), "drover-bench/run-ensemble-bench --quick");
  }

  private static LoadGenerator.Result result(int read, double opsPerSec, double p99Ms) {
    return new LoadGenerator.Result(read, (long) opsPerSec, 0, 0, 0, 1.0, opsPerSec, 1.0, p99Ms, p99Ms, p99Ms);
  }

  private static FailoverProbe.Outcome outcome(double... ms) {
    return new FailoverProbe.Outcome(3, 2, java.util.Arrays.stream(ms).boxed().toList(), 0);
  }

  @Test void throughputAndFailoverRatiosAgainstTheGoals() {
    EnsembleReport r = new EnsembleReport(DATE, MACHINE,
        plan(List.of(new Peer.ZooKeeper(), new Peer.Coord("m")), 3),
        Map.of(EnsembleReport.ZK, Map.of(0, result(0, 10_000, 5.0), 100, result(100, 40_000, 2.0)),
            EnsembleReport.COORD, Map.of(0, result(0, 16_000, 4.0), 100, result(100, 50_000, 1.0))),
        Map.of(EnsembleReport.ZK, List.of(outcome(600, 900, 1500), outcome(400, 800, 2000), outcome(500, 700, 1000)),
            EnsembleReport.COORD, List.of(outcome(200, 300), outcome(250, 260), outcome(300, 900))));
    assertThat(r.throughputRatio(0)).isCloseTo(1.6, within(1e-9));
    assertThat(r.failoverMedianMs(EnsembleReport.ZK, FailoverProbe.Outcome::minMs)).isEqualTo(500.0);
    assertThat(r.failoverMedianMs(EnsembleReport.COORD, FailoverProbe.Outcome::minMs)).isEqualTo(250.0);
    assertThat(r.failoverRatio()).isCloseTo(0.5, within(1e-9));
    String md = r.markdown();
    assertThat(md).contains("2026-01-02 03:04 UTC", "3 servers per side", "tickTime 2000 ms, initLimit 10, syncLimit 5",
            "(spread evenly over the servers)", "session timeout 30000 ms", "`-Xmx512m`",
            "`drover-bench/run-ensemble-bench --quick`")
        .contains("16 clients (spread evenly over the servers) × 32 outstanding")
        .contains("| 0 | 10,000 | 16,000 | 1.60× | 1.00 / 5.00 | 1.00 / 4.00 | yes |")
        .contains("| 100 | 40,000 | 50,000 | 1.25× | 1.00 / 2.00 | 1.00 / 1.00 | no |")
        .contains("| 1 | 600.0 / 900.0 / 1500.0 | 200.0 / 250.0 / 300.0 |")
        .contains("| **median** | **500.0** / 800.0 / 1500.0 | **250.0** / 255.0 / 300.0 |")
        .contains("coord/ZooKeeper failover ratio (median first client): 0.50 (goal met)")
        .contains("median client: 0.32");
    assertThat(r.consoleTable()).contains("coord/ZooKeeper ops ratio: 1.60×", "coord/ZooKeeper failover ratio: 0.50");
  }

  @Test void aSideThatDidNotRunShowsDashesAndNoRatios() {
    EnsembleReport r = new EnsembleReport(DATE, MACHINE, plan(List.of(new Peer.ZooKeeper()), 1),
        Map.of(EnsembleReport.ZK, Map.of(0, result(0, 12_345, 7.5), 100, result(100, 30_000, 2.0))),
        Map.of(EnsembleReport.ZK, List.of(new FailoverProbe.Outcome(1, 2, List.of(700.0, 900.0), 1))));
    String md = r.markdown();
    assertThat(md).contains("| 0 | 12,345 | – | – | 1.00 / 7.50 | – | – |")
        .contains("| 1 | 700.0 / 800.0 / 900.0 (1 not recovered) | – |")
        .contains("failover ratio (median first client): –")
        .contains("1 client failovers did not complete within 60.0 s")
        .doesNotContain("coord gets");
    assertThat(r.consoleTable()).contains("failover zookeeper").doesNotContain("ratio");
  }

  @Test void coordTimingIsStatedAsPassed() {
    EnsembleReport plain = new EnsembleReport(DATE, MACHINE, plan(List.of(new Peer.Coord("m")), 0), Map.of(), Map.of());
    assertThat(plain.markdown()).contains("coord gets `--tick-time 2000 --init-limit 10 --sync-limit 5`)")
        .doesNotContain("Failover:  ", "| repetition");
    EnsembleReport extra = new EnsembleReport(DATE, MACHINE,
        plan(List.of(new Peer.Coord("m", List.of("--read-only-mode"))), 0), Map.of(), Map.of());
    assertThat(extra.markdown()).contains("coord gets `--tick-time 2000 --init-limit 10 --sync-limit 5 --read-only-mode`");
  }

  @Test void medianOfOddAndEvenCountsIgnoringNaN() {
    assertThat(Stats.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
    assertThat(Stats.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    assertThat(Stats.median(List.of(Double.NaN, 5.0))).isEqualTo(5.0);
    assertThat(Stats.median(List.of())).isNaN();
  }
}
