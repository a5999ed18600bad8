package io.drover.scheduler.client;

import io.drover.common.random.Rng;
import java.time.Duration;
import java.util.Objects;

/**
 * Truncated exponential backoff with jitter: attempt {@code n} (0-based) waits a uniformly random time in
 * {@code [b/2, b]} where {@code b = min(max, initial × multiplier^n)}. The jitter keeps many frameworks that lost the
 * same master from re-subscribing in lock step; the lower half-bound keeps a retry from coming immediately.
 *
 * <p>{@link #DEFAULT} is 1 s doubling to 15 s: the Mesos scheduler guidance (resubscribe "using backoff capped at
 * about 15 s") — a longer cap would eat into a framework's {@code failover_timeout}, whose proto default is 0.
 */
public record Backoff(Duration initial, Duration max, double multiplier) {
  public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(15), 2.0);

  public Backoff {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(max, "max");
    if (initial.isNegative() || initial.isZero()) throw new IllegalArgumentException("backoff initial must be > 0: " + initial);
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("backoff max " + max + " is smaller than initial " + initial);
    }
    if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException("backoff multiplier must be a finite number >= 1: " + multiplier);
    }
  }

  /** The capped, un-jittered delay before attempt {@code attempt} (0-based), in milliseconds. */
  public long ceilingMs(int attempt) {
    if (attempt < 0) throw new IllegalArgumentException("attempt must be >= 0: " + attempt);
    double ms = initial.toMillis() * Math.pow(multiplier, attempt);
    return (long) Math.min(max.toMillis(), ms);
  }

  /** The jittered delay before attempt {@code attempt}: uniform in {@code [ceiling/2, ceiling]}, in milliseconds. */
  public long delayMs(int attempt, Rng rng) {
    long ceiling = ceilingMs(attempt);
    long half = ceiling / 2;
    return half + (long) (rng.nextDouble() * (ceiling - half));
  }
}
