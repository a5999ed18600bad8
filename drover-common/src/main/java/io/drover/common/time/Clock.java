package io.drover.common.time;

/**
 * Time as an injected dependency. Pure cores never read the system clock; they get a Clock.
 * {@link #wallMillis()} is calendar time (for stored timestamps such as a znode's mtime);
 * {@link #monoNanos()} only moves forward (for timeouts and latencies).
 */
public interface Clock {
  long wallMillis();

  long monoNanos();

  default long monoMillis() { return monoNanos() / 1_000_000L; }

  /** The machine's clocks. Only drivers and edges use this; cores take whatever Clock they are given. */
  static Clock system() { return SystemClock.INSTANCE; }
}
