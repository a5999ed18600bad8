package io.drover.coord.core;

/**
 * The state machine Zab replicates (coord's data tree), seen as opaque txns. {@link #apply} is called only for
 * committed txns, strictly in zxid order; {@link #restore} replaces everything with a leader's snapshot (SNAP).
 * At construction of a peer the state must be at or after the log's base (the log holds every entry after it).
 */
public interface ReplicatedState {
  long lastAppliedZxid();

  void apply(long zxid, byte[] txn);

  /** The whole state as of {@link #lastAppliedZxid()}. */
  byte[] snapshot();

  void restore(byte[] snapshot, long zxid);
}
