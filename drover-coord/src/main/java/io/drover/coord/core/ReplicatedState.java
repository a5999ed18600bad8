package io.drover.coord.core;

/**
 * The state machine Zab replicates (coord's data tree), seen as opaque txns. {@link #apply} is called only for
 * committed txns, strictly in zxid order; {@link #restore} replaces everything with a leader's snapshot (SNAP) and
 * is durable when it returns (the log is reset right after it). After a restart the state must hold only what
 * was applied (its last snapshot, no replay of log txns, which may be uncommitted): the peer applies the logged
 * txns itself once a leader's sync proves them committed. It must be at or after the log's base.
 */
public interface ReplicatedState {
  long lastAppliedZxid();

  void apply(long zxid, byte[] txn);

  /** The whole state as of {@link #lastAppliedZxid()}. */
  byte[] snapshot();

  void restore(byte[] snapshot, long zxid);
}
