package io.drover.bench.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The same settings reach both sides: the Drover app definition, the parallelism mapping and the report. */
class SettingsTest {
  private final Workload w = new Workload("img:1", Workload.COMMAND, 0.05, 32, 1, 3, 10);

  @Test void overCapacityGivesTheSameParallelismAsSwarm() {
    assertThat(w.maximumOverCapacity(50)).isEqualTo(0.2);
    assertThat(Math.floor(50 * (1 + w.maximumOverCapacity(50)))).as("Drover's maxCapacity").isEqualTo(60);
    assertThat(w.maximumOverCapacity(5)).as("capped at 1").isEqualTo(1.0);
  }

  @Test void appDefinitionCarriesTheWorkload() {
    JsonNode app = DroverSide.appJson(w, "drover-bench-7", 50);
    assertThat(app.path("id").asText()).isEqualTo("/drover-bench-7");
    assertThat(app.path("instances").asInt()).isEqualTo(50);
    assertThat(app.path("cpus").asDouble()).isEqualTo(0.05);
    assertThat(app.path("mem").asInt()).isEqualTo(32);
    assertThat(app.path("cmd").asText()).isEqualTo(Workload.COMMAND);
    assertThat(app.path("backoffSeconds").asInt()).isEqualTo(1);
    assertThat(app.path("taskKillGracePeriodSeconds").asInt()).isEqualTo(3);
    assertThat(app.path("portDefinitions")).isEmpty();
    assertThat(app.path("container").path("docker").path("image").asText()).isEqualTo("img:1");
    assertThat(app.path("upgradeStrategy").path("maximumOverCapacity").asDouble()).isEqualTo(0.2);
  }

  @Test void aSwarmThatDidNotFinishBoundsTheRatioFromAbove() {
    var f = new SwarmBench.Figure("x", new SwarmBench.Outcome(List.of(), Optional.of("stuck")), SwarmBench.Outcome.of(30_000),
        Optional.empty(), 120_000);
    assertThat(SwarmBenchReport.ratio(f)).isEqualTo(new SwarmBenchReport.Ratio("< 0.25×", true));
  }

  @Test void upCommandPassesPortsAndResources() {
    List<String> cmd = DroverSide.upCommand("java", List.of("-Xmx1g"), Path.of("d.jar"), Path.of("/tmp/x"), 1, 2, 3, 4,
        "cpus:16");
    assertThat(String.join(" ", cmd)).isEqualTo("java -Xmx1g -jar d.jar up --data-dir /tmp/x --coord-port 1 "
        + "--metrics-port 0 --master-port 2 --agent-port 3 --apps-port 4 --agent-resources cpus:16");
  }

  @Test void reportGivesRatiosAndSaysWhichFiguresMeetTheGoal() {
    SwarmBench.Plan plan = new SwarmBench.Plan(List.of(10), 50, 200, 50, 10, 3, 2);
    var fast = new SwarmBench.Figure("request to 10 running", SwarmBench.Outcome.of(1000, 1100, 1200),
        SwarmBench.Outcome.of(400, 500, 600), Optional.empty(), 120_000);
    var slow = new SwarmBench.Figure("scale 50 → 200", SwarmBench.Outcome.of(2000), SwarmBench.Outcome.of(9000),
        Optional.of(new LaunchTimeline(150, 900, 30_500, 31, 5, 1_000, 120, 400)), 120_000);
    var stuck = new SwarmBench.Figure("request to 200 running", SwarmBench.Outcome.of(20_000),
        new SwarmBench.Outcome(List.of(), Optional.of("200 running not reached")), Optional.empty(), 120_000);
    String md = SwarmBenchReport.markdown(List.of(fast, slow, stuck), w, plan,
        new SwarmBenchReport.RunInfo("2026-11-24 01:00 UTC", "2 CPUs", "20.10.24", "java -jar drover.jar up", "cmd"));
    assertThat(md).contains("| request to 10 running | 1,100 (1,000–1,200) | 500 (400–600) | 0.45× | yes |");
    assertThat(md).contains("| scale 50 → 200 | 2,000 | 9,000 | 4.50× | **no** |");
    assertThat(md).contains("| request to 200 running | 20,000 | did not finish in 120,000 | > 6.0× | **no** |");
    assertThat(md).contains("- request to 200 running, Drover: 200 running not reached");
    assertThat(md).contains("**not met** (1 of 3 figures)");
    assertThat(md).contains("\"maximumOverCapacity\": 0.2}");
    assertThat(md).contains("| scale 50 → 200 | 150 | 31 | 5 | 900 | 30500 | 1000 | 120 / 400 |");
  }
}
