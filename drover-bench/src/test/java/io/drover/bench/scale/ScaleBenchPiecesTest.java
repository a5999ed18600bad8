package io.drover.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.apps.core.CoreConfig;
import io.drover.bench.master.LatencySummary;
import io.drover.bench.zk.Machine;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScaleBenchPiecesTest {
  @Test void theGroupBodyHasOneCommandAppPerIdWithItsInstancesAndOneHostPort() {
    ObjectNode g = AppsApi.group("/bench", 3, 10, 0.1, 32);
    assertThat(g.path("id").asText()).isEqualTo("/bench");
    assertThat(g.path("apps")).hasSize(3);
    JsonNode a = g.path("apps").get(2);
    assertThat(a.path("id").asText()).isEqualTo("/bench/app-0002");
    assertThat(a.path("instances").asInt()).isEqualTo(10);
    assertThat(a.path("cpus").asDouble()).isEqualTo(0.1);
    assertThat(a.path("mem").asInt()).isEqualTo(32);
    assertThat(a.path("portDefinitions")).hasSize(1);
  }

  @Test void tasksRunningCountsOnlyTheGroupsApps() {
    ObjectNode body = AppsApi.JSON.createObjectNode();
    body.putArray("apps").add(app("/bench/app-0000", 10)).add(app("/bench/app-0001", 7))
        .add(app("/benchmark/x", 100)).add(app("/warmup/app-0000", 5));
    assertThat(AppsApi.tasksRunning(body, "/bench/")).isEqualTo(17);
    assertThat(AppsApi.tasksRunning(AppsApi.JSON.createObjectNode(), "/bench/")).isZero();
  }

  @Test void coreSettingsReplaceOnlyTheirFourFlagsOfMarathonsDefaults() {
    AppsLeaderMain.CoreSettings s = new AppsLeaderMain.CoreSettings(5_000, 1_000, 20, 5_000);
    CoreConfig c = s.coreConfig();
    CoreConfig d = CoreConfig.defaults();
    assertThat(c.launchTokens()).isEqualTo(5_000);
    assertThat(c.launchTokenRefreshIntervalMs()).isEqualTo(1_000);
    assertThat(c.matcher().maxInstancesPerOffer()).isEqualTo(20);
    assertThat(c.declineOfferDurationMs()).isEqualTo(5_000);
    assertThat(c.reconciliationIntervalMs()).isEqualTo(d.reconciliationIntervalMs());
    assertThat(c.taskLaunchTimeoutMs()).isEqualTo(d.taskLaunchTimeoutMs());
    assertThat(c.matcher().gpuRestricted()).isEqualTo(d.matcher().gpuRestricted());
    assertThat(s.maxLaunchesPerSecond()).isEqualTo(5_000.0);
    assertThat(AppsLeaderMain.CoreSettings.MARATHON_DEFAULTS.maxLaunchesPerSecond()).isCloseTo(3.33, within());
    assertThat(s.args()).containsExactly("5000", "1000", "20", "5000");
    assertThatThrownBy(() -> new AppsLeaderMain.CoreSettings(0, 1_000, 5, 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test void theReportJudgesEachFigureAgainstItsGoal() {
    ScaleBench.Launch fast = new ScaleBench.Launch(100, 900, 1_000, 1_500, 1_800, 1_900, 700, 10_000);
    String md = report(fast);
    assertThat(fast.completed()).isTrue();
    assertThat(fast.instancesPerSecond(10_000)).isCloseTo(5263.2, within());
    assertThat(md).contains("| placing and starting 10,000 instances of 1,000 apps (one request) | 5,263 instances/s (1.9 s)")
        .contains("| same, in 20 waves of 50 apps, each waited for (informational) | 500 instances/s (20.0 s)")
        .contains("| `GET /v2/apps` p50 / p99 (1,000 bytes) | 50.0 / 250.0 ms | p99 < 200 ms");
    assertThat(row(md, "| placing")).endsWith("**met** |");
    assertThat(row(md, "| `GET")).endsWith("**not met** |");
    assertThat(row(md, "| apps leader")).contains("100 MB").endsWith("**met** |");
  }

  @Test void anUnfinishedBurstIsReportedAsNotMetWithHowFarItGot() {
    ScaleBench.Launch stuck = new ScaleBench.Launch(100, 900, 1_000, -1, -1, -1, 700, 9_271);
    assertThat(stuck.completed()).isFalse();
    assertThat(stuck.instancesPerSecond(10_000)).isNaN();
    assertThat(row(report(stuck), "| placing")).contains("did not finish in 180 s (9,271 RUNNING at the master)")
        .endsWith("**not met** |");
  }

  private static String report(ScaleBench.Launch launch) {
    ScaleBench.Settings settings = new ScaleBench.Settings(1000, 1000, 10, "cpus:16", 0.1, 32, 50, 50, 50, 500,
        AppsLeaderMain.CoreSettings.MARATHON_DEFAULTS, List.of("-Xmx2g"), 180_000, 600_000);
    ScaleBench.Result r = new ScaleBench.Result(settings, new ScaleBench.Burst(10_000, 2_000, launch, 3, 2), 20,
        20_000, List.of(new ScaleBench.ApiLatency("/v2/apps", new LatencySummary(500, 50, 80, 250, 300), 1000)),
        20L << 20, 100L << 20, null, 20_000, 0, 20_000, 0, "none");
    return ScaleBenchReport.markdown(r, new Machine(2, "cpu", 24_000, "Linux", "JDK 25", "0.5"), "today", "cmd");
  }

  private static String row(String md, String prefix) {
    return md.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
  }

  private static org.assertj.core.data.Offset<Double> within() { return org.assertj.core.data.Offset.offset(0.1); }

  private static ObjectNode app(String id, int running) {
    return AppsApi.JSON.createObjectNode().put("id", id).put("tasksRunning", running);
  }
}
