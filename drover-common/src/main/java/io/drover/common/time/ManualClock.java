package io.drover.common.time;

/** A clock that moves only when told to: for tests and deterministic simulation. Not thread-safe by design. */
public final class ManualClock implements Clock {
  private long wallMillis;
  private long monoNanos;

  public ManualClock(long startWallMillis) { this.wallMillis = startWallMillis; }

  public void advanceMillis(long ms) {
    if (ms < 0) throw new IllegalArgumentException("time only moves forward: " + ms);
    wallMillis += ms;
    monoNanos += ms * 1_000_000L;
  }

  @Override public long wallMillis() { return wallMillis; }

  @Override public long monoNanos() { return monoNanos; }
}
