package io.drover.bench.master;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.bench.MarkedSection;
import io.drover.bench.master.MasterBenchReport.Part;
import io.drover.bench.master.MasterBenchReport.RunInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class MasterBenchReportTest {
  private static final RunInfo RUN = new RunInfo("2026-11-23 22:00 UTC", 2, "Linux amd64", "JVM 25", 1.5,
      "drover-bench/run-master-bench");

  @Test void aFirstRunLaysThePartsOutInOrderEvenWhenRunOutOfOrder() {
    String body = MasterBenchReport.withPart("", Part.failover, "F\n");
    body = MasterBenchReport.withPart(body, Part.allocation, "A\n");
    body = MasterBenchReport.withPart(body, Part.launch, "L\n");
    assertThat(body).isEqualTo(block(Part.allocation, "A") + "\n" + block(Part.launch, "L") + "\n"
        + block(Part.failover, "F"));
  }

  @Test void rerunningOnePartKeepsTheOthers() {
    String body = MasterBenchReport.withPart(MasterBenchReport.withPart("", Part.allocation, "A1"), Part.launch, "L1");
    String again = MasterBenchReport.withPart(body, Part.allocation, "A2");
    assertThat(again).contains("A2").doesNotContain("A1").contains("L1");
    assertThat(MasterBenchReport.withPart(again, Part.allocation, "A2")).isEqualTo(again);
  }

  @Test void sectionBodyRoundTripsThroughTheDocumentMarkers() {
    String doc = "# Benchmarks\n" + MarkedSection.MASTER_START + "\nold body\n" + MarkedSection.MASTER_END + "\ntail\n";
    assertThat(MasterBenchReport.sectionBody(doc, MarkedSection.MASTER_START, MarkedSection.MASTER_END))
        .contains("old body\n");
    assertThat(MasterBenchReport.sectionBody("# none\n", MarkedSection.MASTER_START, MarkedSection.MASTER_END))
        .isEmpty();
    assertThatThrownBy(() -> MasterBenchReport.sectionBody(MarkedSection.MASTER_START + "\nx\n",
        MarkedSection.MASTER_START, MarkedSection.MASTER_END)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test void allocationTableJudgesTheGoalOnTheTenThousandByHundredRow() {
    var fast = new AllocationBench.Result(new AllocationBench.Shape(10_000, 100), 20, 40.0, 60.0, 70.0, 10_000);
    var other = new AllocationBench.Result(new AllocationBench.Shape(1_000, 10), 20, 1.0, 2.0, 3.0, 1_000);
    String md = MasterBenchReport.allocation(List.of(other, fast), 20, 5, 10, RUN);
    assertThat(md).contains("| 10,000 | 100 | 10,000 | 40.0 | 60.0 | 70.0 |").contains("**met** (p99 60.0 ms)")
        .contains("`drover-bench/run-master-bench`").contains("load average 1.50");
    var slow = new AllocationBench.Result(new AllocationBench.Shape(10_000, 100), 20, 90.0, 120.0, 130.0, 10_000);
    assertThat(MasterBenchReport.allocation(List.of(slow), 20, 5, 10, RUN)).contains("**not met**");
    assertThat(MasterBenchReport.allocation(List.of(other), 20, 5, 10, RUN)).contains("not measured in this run");
  }

  @Test void launchTableHasARowPerBatchSize() {
    var settings = new LaunchLatencyBench.Settings(20, List.of(1, 10), "cpus:8;mem:8192");
    var result = new LaunchLatencyBench.Result(settings, List.of(
        new LaunchLatencyBench.Mode(1, 20, 20, new LatencySummary(20, 40, 60, 90, 95.5)),
        new LaunchLatencyBench.Mode(10, 20, 2, new LatencySummary(20, 200, 220, 230, 231))));
    assertThat(MasterBenchReport.launch(result, RUN))
        .contains("| 1 | 20 | 20 | 40.0 | 60.0 | 90.0 | 95.5 |")
        .contains("| 10 | 20 | 2 | 200.0 | 220.0 | 230.0 | 231.0 |")
        .contains("`--resources cpus:8;mem:8192`");
  }

  @Test void failoverTableJudgesTheFiveSecondGoalOnlyAtAThousandAgents() {
    LatencySummary perAgent = new LatencySummary(1000, 2000, 3000, 3900, 4000);
    LatencySummary ends = new LatencySummary(1000, 200, 250, 300, 310);
    var met = new FailoverBench.Result(new FailoverBench.Settings(1000, 2, 1000), 3000, 250, ends, 400, 4100,
        perAgent, 2000, 0, 0, 5);
    assertThat(MasterBenchReport.failover(met, RUN)).contains("| **4100** |").contains("2,000 tasks")
        .contains("2000 / 3000 / 3900").contains("**met**");
    var missed = new FailoverBench.Result(new FailoverBench.Settings(1000, 2, 1000), 3000, 250, ends, 400, 5100,
        perAgent, 2000, 0, 0, 5);
    assertThat(MasterBenchReport.failover(missed, RUN)).contains("**not met**");
    var small = new FailoverBench.Result(new FailoverBench.Settings(100, 2, 1000), 300, 250, ends, 400, 900,
        perAgent, 200, 0, 0, 0);
    assertThat(MasterBenchReport.failover(small, RUN)).contains("not measured in this run");
  }

  private static String block(Part p, String body) {
    return MasterBenchReport.startMarker(p) + "\n" + body + "\n" + MasterBenchReport.endMarker(p) + "\n";
  }
}
