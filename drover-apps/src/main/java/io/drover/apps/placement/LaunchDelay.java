package io.drover.apps.placement;

/**
 * The launch delay of one app version after failures (Marathon's {@code RateLimiter.Delay}): no launch before
 * {@link #deadlineMs()} = {@code referenceMs + currentDelayMs}. Immutable; transitions return new values.
 *
 * @param referenceMs when the last failure was recorded
 * @param currentDelayMs the delay since then, within [min(backoff, max), max]
 */
public record LaunchDelay(long referenceMs, long currentDelayMs, long maxLaunchDelayMs) {

  /** The first failure: {@code min(backoffSeconds, maxLaunchDelaySeconds)}. */
  public static LaunchDelay first(long nowMs, BackoffPolicy policy) {
    return new LaunchDelay(nowMs, Math.min(policy.backoffMs(), policy.maxLaunchDelayMs()), policy.maxLaunchDelayMs());
  }

  /** Another failure: the delay times the factor, capped at the maximum; counted from now. */
  public LaunchDelay increased(long nowMs, BackoffPolicy policy) {
    long next = (long) (currentDelayMs * policy.backoffFactor()); // saturates at Long.MAX_VALUE
    return new LaunchDelay(nowMs, Math.min(policy.maxLaunchDelayMs(), next), policy.maxLaunchDelayMs());
  }

  public long deadlineMs() { return referenceMs + currentDelayMs; }

  /**
   * The delay no longer applies: no failure for {@code currentDelay + maxLaunchDelay} (docs/backoff.md; the reference
   * spec's rule).
   */
  public boolean expired(long nowMs) { return nowMs > referenceMs + currentDelayMs + maxLaunchDelayMs; }
}
