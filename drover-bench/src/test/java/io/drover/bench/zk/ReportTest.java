package io.drover.bench.zk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {
  private static final Machine MACHINE = new Machine(2, "Test CPU", 4096, "Linux 6.0", "JDK 25", "0.50 0.40 0.30");
  private static final ZonedDateTime DATE = ZonedDateTime.of(2026, 1, 2, 3, 4, 0, 0, ZoneOffset.UTC);

  private static LoadGenerator.Result result(int read, double opsPerSec, double p99Ms) {
    return new LoadGenerator.Result(read, (long) opsPerSec, 0, 0, 0, 1.0, opsPerSec, 1.0, p99Ms, p99Ms, p99Ms);
  }

  @Test void tableShowsRatioAndGoalPerReadPercent() {
    Report r = new Report(DATE, MACHINE, LoadGenerator.Settings.defaults(0), "-Xmx1g", "run-zk-bench", List.of(0, 90),
        Map.of(Report.ZK, Map.of(0, result(0, 10_000, 5.0), 90, result(90, 20_000, 4.0)),
            Report.COORD, Map.of(0, result(0, 16_000, 4.0), 90, result(90, 25_000, 3.0))),
        Map.of(Report.ZK, new HeapProbe.HeapUsage(100_000, 100, 10L << 20, 50L << 20),
            Report.COORD, new HeapProbe.HeapUsage(100_000, 100, 10L << 20, 30L << 20)));
    String md = r.markdown();
    assertThat(md).contains("2026-01-02 03:04 UTC", "2 CPUs (Test CPU)", "load average at the start 0.50 0.40 0.30", "16 clients × 32 outstanding")
        .contains("| 0 | 10,000 | 16,000 | 1.60× | 1.00 / 5.00 | 1.00 / 4.00 | yes |")
        .contains("| 90 | 20,000 | 25,000 | 1.25× | 1.00 / 4.00 | 1.00 / 3.00 | no |")
        .contains("| ZooKeeper | 100000 | 100 | 10.0 | 50.0 | 40.0 |")
        .contains("| coord | 100000 | 100 | 10.0 | 30.0 | 20.0 |")
        .contains("coord/ZooKeeper heap ratio: 0.50");
  }

  @Test void aPeerThatDidNotRunShowsDashes() {
    Report r = new Report(DATE, MACHINE, LoadGenerator.Settings.defaults(50), "-Xmx1g", "run-zk-bench", List.of(50),
        Map.of(Report.ZK, Map.of(50, result(50, 12_345, 7.5))), Map.of());
    assertThat(r.markdown()).contains("| 50 | 12,345 | – | – | 1.00 / 7.50 | – | – |").doesNotContain("Heap retained");
    assertThat(r.consoleTable()).contains("zookeeper").doesNotContain("coord/ZooKeeper");
  }
}
