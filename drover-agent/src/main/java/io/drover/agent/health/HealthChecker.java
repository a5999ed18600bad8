package io.drover.agent.health;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Mesos' health checker as a pure state machine over explicit (monotonic) millisecond timestamps. It decides when to
 * probe and which results become {@link HealthReport}s; a driver runs the probes ({@code health.probe}).
 *
 * <p>Rules (Mesos' {@code src/checks/health_checker.cpp}, 1.11):
 * <ul>
 *   <li>The first probe is due {@code delayMs} after {@code startMs}; each next one {@code intervalMs} after the
 *       previous probe finished or timed out. One probe at a time.
 *   <li>A success reports {@code healthy=true} on the first success and on the first success after failures;
 *       further successes report nothing.
 *   <li>Until the first success, a failure within {@code gracePeriodMs} of {@code startMs} is ignored. After the first
 *       success the grace period no longer applies.
 *   <li>Every other failure (a timeout included) reports {@code healthy=false} with the count of consecutive failures;
 *       from {@code consecutiveFailures} on it also asks to kill the task. Probing continues until the driver stops.
 *   <li>A result that arrives later than {@code timeoutMs} after its probe started counts as a timeout, whatever it
 *       says, so a slow edge cannot turn a late answer into a success.
 * </ul>
 * Not thread-safe: one driver thread owns it.
 */
public final class HealthChecker {
  private final HealthCheckSpec spec;
  private final long startMs;
  private boolean initializing = true;
  private int consecutiveFailures;
  private Boolean healthy;
  private long nextDueMs;
  private long probeStartedMs = -1;

  public HealthChecker(HealthCheckSpec spec, long startMs) {
    this.spec = spec;
    this.startMs = startMs;
    this.nextDueMs = startMs + spec.delayMs();
  }

  public HealthCheckSpec spec() { return spec; }

  /** When the next probe should start; empty while a probe is in flight. */
  public OptionalLong nextProbeDueMs() { return probeInFlight() ? OptionalLong.empty() : OptionalLong.of(nextDueMs); }

  public boolean probeInFlight() { return probeStartedMs >= 0; }

  /**
   * Records that a probe starts at {@code nowMs} and returns the moment it times out ({@code Long.MAX_VALUE} when the
   * spec has no timeout). Throws if a probe is already in flight or none is due yet: that is a driver bug.
   */
  public long probeStarted(long nowMs) {
    if (probeInFlight()) throw new IllegalStateException("a probe is already in flight since " + probeStartedMs);
    if (nowMs < nextDueMs) throw new IllegalStateException("probe started at " + nowMs + " before due " + nextDueMs);
    probeStartedMs = nowMs;
    return spec.timeoutMs() == 0 ? Long.MAX_VALUE : nowMs + spec.timeoutMs();
  }

  /** Feeds the result of the probe in flight, finished at {@code nowMs}; returns what to report, if anything. */
  public Optional<HealthReport> probeFinished(ProbeResult result, long nowMs) {
    if (!probeInFlight()) throw new IllegalStateException("no probe in flight");
    long started = probeStartedMs;
    probeStartedMs = -1;
    nextDueMs = nowMs + spec.intervalMs();
    boolean late = spec.timeoutMs() > 0 && nowMs - started > spec.timeoutMs();
    ProbeResult effective = late ? new ProbeResult.TimedOut(spec.timeoutMs()) : result;
    return switch (effective) {
      case ProbeResult.Passed p -> success(p.detail());
      case ProbeResult.Failed f -> failure(f.reason(), nowMs);
      case ProbeResult.TimedOut t -> failure("health check timed out after " + t.timeoutMs() + " ms", nowMs);
    };
  }

  /** The last reported health: {@code null} before the first report. */
  public Boolean healthy() { return healthy; }

  public int consecutiveFailures() { return consecutiveFailures; }

  /** True until the first success. */
  public boolean initializing() { return initializing; }

  private Optional<HealthReport> success(String detail) {
    boolean report = initializing || consecutiveFailures > 0;
    initializing = false;
    consecutiveFailures = 0;
    if (!report) return Optional.empty();
    healthy = true;
    return Optional.of(new HealthReport(true, 0, false, detail));
  }

  private Optional<HealthReport> failure(String reason, long nowMs) {
    if (initializing && spec.gracePeriodMs() > 0 && nowMs - startMs <= spec.gracePeriodMs()) return Optional.empty();
    consecutiveFailures++;
    healthy = false;
    boolean kill = consecutiveFailures >= spec.consecutiveFailures();
    return Optional.of(new HealthReport(false, consecutiveFailures, kill, reason));
  }
}
