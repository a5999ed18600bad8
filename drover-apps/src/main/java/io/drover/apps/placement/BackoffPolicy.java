package io.drover.apps.placement;

/**
 * An app's launch backoff settings ({@code backoffSeconds} 1, {@code backoffFactor} 1.15,
 * {@code maxLaunchDelaySeconds} 300 by default).
 */
public record BackoffPolicy(long backoffSeconds, double backoffFactor, long maxLaunchDelaySeconds) {
  public BackoffPolicy {
    if (backoffSeconds < 0 || maxLaunchDelaySeconds < 0) throw new IllegalArgumentException("negative backoff");
    if (!(backoffFactor >= 1.0) || Double.isInfinite(backoffFactor)) {
      throw new IllegalArgumentException("backoffFactor must be a finite number >= 1: " + backoffFactor);
    }
  }

  public static BackoffPolicy defaults() { return new BackoffPolicy(1, 1.15, 300); }

  public long backoffMs() { return backoffSeconds * 1000; }

  public long maxLaunchDelayMs() { return maxLaunchDelaySeconds * 1000; }
}
