package io.drover.agent.node;

import io.drover.common.random.Rng;

/**
 * The agent's (re)registration backoff, after Mesos' agent: the bound starts at {@code initialMs} (Mesos'
 * {@code registration_backoff_factor}, 1 s) and doubles after every failed attempt up to {@code maxMs} (1 min). Each
 * delay is drawn uniformly from {@code [bound/2, bound]} so that many agents restarted together (or all agents of a
 * failed-over master) spread out, without ever spinning at zero. {@link #reset()} after a successful subscription.
 * Not thread-safe; the link's thread owns it.
 */
final class RegistrationBackoff {
  private final long initialMs;
  private final long maxMs;
  private final Rng rng;
  private long boundMs;

  RegistrationBackoff(long initialMs, long maxMs, Rng rng) {
    if (initialMs < 2) throw new IllegalArgumentException("initial backoff must be at least 2 ms: " + initialMs);
    if (maxMs < initialMs) throw new IllegalArgumentException("max backoff " + maxMs + " < initial " + initialMs);
    this.initialMs = initialMs;
    this.maxMs = maxMs;
    this.rng = rng;
    this.boundMs = initialMs;
  }

  /** The delay before the next attempt; doubles the bound for the one after. */
  long nextDelayMs() {
    long half = boundMs / 2;
    long delay = half + rng.nextInt(Math.toIntExact(boundMs - half + 1));
    boundMs = Math.min(maxMs, boundMs * 2);
    return delay;
  }

  /** The current bound, for logs and tests. */
  long boundMs() { return boundMs; }

  void reset() { boundMs = initialMs; }
}
