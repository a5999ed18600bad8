package io.drover.agent.health;

import java.util.Objects;

/**
 * A task's health check: {@code mesos.v1.HealthCheck} with its durations in milliseconds.
 *
 * @param delayMs wait after the task starts before the first probe (proto {@code delay_seconds}, default 15 s)
 * @param intervalMs wait after a probe finishes or times out before the next (proto {@code interval_seconds}, 10 s)
 * @param timeoutMs how long a probe may take before it counts as a failure; 0 means no limit (proto
 *     {@code timeout_seconds}, 20 s)
 * @param consecutiveFailures failures in a row, after the grace period, that ask for the task to be killed (3)
 * @param gracePeriodMs from the task's start, failures are ignored until the first success; it includes the delay
 *     (proto {@code grace_period_seconds}, 10 s)
 */
public record HealthCheckSpec(
    ProbeSpec probe, long delayMs, long intervalMs, long timeoutMs, int consecutiveFailures, long gracePeriodMs) {
  public static final long DEFAULT_DELAY_MS = 15_000;
  public static final long DEFAULT_INTERVAL_MS = 10_000;
  public static final long DEFAULT_TIMEOUT_MS = 20_000;
  public static final int DEFAULT_CONSECUTIVE_FAILURES = 3;
  public static final long DEFAULT_GRACE_PERIOD_MS = 10_000;

  public HealthCheckSpec {
    Objects.requireNonNull(probe, "probe");
    if (delayMs < 0 || intervalMs < 0 || timeoutMs < 0 || gracePeriodMs < 0) {
      throw new IllegalArgumentException("health check durations must not be negative: delay " + delayMs
          + " ms, interval " + intervalMs + " ms, timeout " + timeoutMs + " ms, grace period " + gracePeriodMs + " ms");
    }
    if (consecutiveFailures < 1) {
      throw new IllegalArgumentException("consecutive_failures must be at least 1, got " + consecutiveFailures);
    }
  }

  /** The proto's defaults around {@code probe}. */
  public static HealthCheckSpec withDefaults(ProbeSpec probe) {
    return new HealthCheckSpec(probe, DEFAULT_DELAY_MS, DEFAULT_INTERVAL_MS, DEFAULT_TIMEOUT_MS,
        DEFAULT_CONSECUTIVE_FAILURES, DEFAULT_GRACE_PERIOD_MS);
  }

  /** From the proto's fields (seconds as doubles), rounded to the millisecond. */
  public static HealthCheckSpec fromSeconds(ProbeSpec probe, double delaySeconds, double intervalSeconds,
      double timeoutSeconds, int consecutiveFailures, double gracePeriodSeconds) {
    return new HealthCheckSpec(probe, millis(delaySeconds), millis(intervalSeconds), millis(timeoutSeconds),
        consecutiveFailures, millis(gracePeriodSeconds));
  }

  public ProbeSpec.Type type() { return probe.type(); }

  private static long millis(double seconds) {
    if (Double.isNaN(seconds) || seconds < 0) throw new IllegalArgumentException("bad duration " + seconds + " s");
    return Math.round(seconds * 1000.0);
  }
}
