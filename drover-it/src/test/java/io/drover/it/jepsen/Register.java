package io.drover.it.jepsen;

/**
 * The state of one ZooKeeper register (a znode's data and its data version) as the checker models it: a read returns
 * both; {@code setData(value, expectedVersion)} succeeds iff the version matches and bumps it; an unconditional write
 * ({@code setData(value, -1)}) always succeeds and bumps it.
 */
public record Register(long value, long version) {
  /** The state after any successful write of {@code newValue}. */
  Register written(long newValue) { return new Register(newValue, version + 1); }

  @Override public String toString() { return "(value " + value + ", version " + version + ")"; }
}
