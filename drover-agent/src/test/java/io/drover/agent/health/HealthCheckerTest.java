package io.drover.agent.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealthCheckerTest {
  private static final ProbeResult PASS = new ProbeResult.Passed("HTTP 200");
  private static final ProbeResult FAIL = new ProbeResult.Failed("HTTP 500");

  // delay 15 s, interval 10 s, timeout 20 s, 3 failures, grace 10 s: the proto defaults.
  private final HealthCheckSpec defaults = HealthCheckSpec.withDefaults(ProbeSpec.Http.of(8080, "/health"));

  /** Starts a probe at {@code t} and finishes it {@code tookMs} later with {@code result}. */
  private static Optional<HealthReport> probe(HealthChecker c, long t, long tookMs, ProbeResult result) {
    assertThat(c.nextProbeDueMs().orElseThrow()).isLessThanOrEqualTo(t);
    c.probeStarted(t);
    return c.probeFinished(result, t + tookMs);
  }

  @Test
  void defaultsAreTheProtos() {
    assertThat(defaults).isEqualTo(new HealthCheckSpec(defaults.probe(), 15_000, 10_000, 20_000, 3, 10_000));
    assertThat(HealthCheckSpec.fromSeconds(new ProbeSpec.Tcp(80), 1.5, 2, 0, 1, 0.25))
        .isEqualTo(new HealthCheckSpec(new ProbeSpec.Tcp(80), 1_500, 2_000, 0, 1, 250));
  }

  @Test
  void theFirstProbeWaitsForTheDelayAndTheNextForTheIntervalAfterTheLastFinished() {
    HealthChecker c = new HealthChecker(defaults, 1_000);
    assertThat(c.nextProbeDueMs()).hasValue(16_000);
    assertThatThrownBy(() -> c.probeStarted(15_999)).isInstanceOf(IllegalStateException.class);
    assertThat(c.probeStarted(16_000)).as("timeout deadline").isEqualTo(36_000);
    assertThat(c.nextProbeDueMs()).as("one probe at a time").isEmpty();
    c.probeFinished(PASS, 16_300);
    assertThat(c.nextProbeDueMs()).hasValue(26_300);
  }

  @Test
  void theFirstSuccessReportsHealthyAndLaterSuccessesReportNothing() {
    HealthChecker c = new HealthChecker(defaults, 0);
    assertThat(c.healthy()).isNull();
    assertThat(probe(c, 15_000, 10, PASS)).hasValue(new HealthReport(true, 0, false, "HTTP 200"));
    assertThat(probe(c, 25_010, 10, PASS)).isEmpty();
    assertThat(c.healthy()).isTrue();
  }

  @Test
  void failuresInsideTheGracePeriodAreIgnoredUntilTheFirstSuccess() {
    HealthCheckSpec spec = new HealthCheckSpec(ProbeSpec.Command.of("true"), 0, 1_000, 500, 2, 5_000);
    HealthChecker c = new HealthChecker(spec, 0);
    assertThat(probe(c, 0, 100, FAIL)).isEmpty();
    assertThat(probe(c, 1_100, 100, FAIL)).isEmpty();
    assertThat(probe(c, 4_800, 200, FAIL)).as("finished exactly at the end of the grace period").isEmpty();
    assertThat(c.consecutiveFailures()).isZero();
    assertThat(probe(c, 6_000, 100, FAIL)).hasValue(new HealthReport(false, 1, false, "HTTP 500"));
  }

  @Test
  void afterTheFirstSuccessTheGracePeriodNoLongerApplies() {
    HealthCheckSpec spec = new HealthCheckSpec(ProbeSpec.Command.of("true"), 0, 1_000, 500, 3, 60_000);
    HealthChecker c = new HealthChecker(spec, 0);
    probe(c, 0, 10, PASS);
    assertThat(probe(c, 1_010, 10, FAIL)).hasValue(new HealthReport(false, 1, false, "HTTP 500"));
  }

  @Test
  void consecutiveFailuresAskToKillTheTaskAndEveryFailureIsReported() {
    HealthChecker c = new HealthChecker(defaults, 0);
    probe(c, 15_000, 0, PASS);
    assertThat(probe(c, 25_000, 0, FAIL)).hasValue(new HealthReport(false, 1, false, "HTTP 500"));
    assertThat(probe(c, 35_000, 0, FAIL)).hasValue(new HealthReport(false, 2, false, "HTTP 500"));
    assertThat(probe(c, 45_000, 0, FAIL)).hasValue(new HealthReport(false, 3, true, "HTTP 500"));
    assertThat(c.nextProbeDueMs()).as("probing continues until the driver stops it").hasValue(55_000);
    assertThat(probe(c, 55_000, 0, FAIL)).hasValue(new HealthReport(false, 4, true, "HTTP 500"));
  }

  @Test
  void aSuccessAfterFailuresRecoversToHealthyAndResetsTheCount() {
    HealthChecker c = new HealthChecker(defaults, 0);
    probe(c, 15_000, 0, PASS);
    probe(c, 25_000, 0, FAIL);
    probe(c, 35_000, 0, FAIL);
    assertThat(c.healthy()).isFalse();
    assertThat(probe(c, 45_000, 0, PASS)).hasValue(new HealthReport(true, 0, false, "HTTP 200"));
    assertThat(c.consecutiveFailures()).isZero();
    assertThat(probe(c, 55_000, 0, FAIL)).as("count starts over").hasValue(new HealthReport(false, 1, false, "HTTP 500"));
  }

  @Test
  void timeoutsAreFailuresAndALateSuccessCountsAsATimeout() {
    HealthCheckSpec spec = new HealthCheckSpec(new ProbeSpec.Tcp(80), 0, 1_000, 200, 2, 0);
    HealthChecker c = new HealthChecker(spec, 0);
    assertThat(probe(c, 0, 200, new ProbeResult.TimedOut(200)))
        .hasValue(new HealthReport(false, 1, false, "health check timed out after 200 ms"));
    assertThat(probe(c, 1_200, 201, PASS)).as("answer arrived after the timeout")
        .hasValue(new HealthReport(false, 2, true, "health check timed out after 200 ms"));
    assertThat(probe(c, 2_401, 200, PASS)).hasValue(new HealthReport(true, 0, false, "HTTP 200"));
  }

  @Test
  void aZeroTimeoutMeansNoLimit() {
    HealthCheckSpec spec = new HealthCheckSpec(ProbeSpec.Command.of("true"), 0, 1_000, 0, 1, 0);
    HealthChecker c = new HealthChecker(spec, 0);
    assertThat(c.probeStarted(0)).isEqualTo(Long.MAX_VALUE);
    assertThat(c.probeFinished(PASS, 3_600_000)).hasValue(new HealthReport(true, 0, false, "HTTP 200"));
  }

  @Test
  void specsRejectNonsense() {
    assertThatThrownBy(() -> new ProbeSpec.Http("ftp", 80, "/", null)).hasMessageContaining("http or https");
    assertThatThrownBy(() -> new ProbeSpec.Tcp(0)).hasMessageContaining("1-65535");
    assertThatThrownBy(() -> new HealthCheckSpec(new ProbeSpec.Tcp(1), 0, 0, 0, 0, 0))
        .hasMessageContaining("consecutive_failures");
    assertThat(new ProbeSpec.Http(null, 80, "health", null).path()).isEqualTo("/health");
    assertThat(ProbeSpec.Http.isHealthyStatus(399)).isTrue();
    assertThat(ProbeSpec.Http.isHealthyStatus(400)).isFalse();
    assertThat(ProbeSpec.Http.isHealthyStatus(199)).isFalse();
  }
}
