package io.drover.agent.status;

import java.util.List;
import java.util.Map;

/**
 * Durable storage of status update streams, the manager's only door to the disk. Each method returns only once the
 * record is durable (fsynced): the manager checkpoints an update <i>before</i> queueing it and an ack before popping.
 *
 * <p>Failures are unchecked ({@link java.io.UncheckedIOException}) and must not be swallowed: an agent that cannot
 * checkpoint cannot promise delivery and should stop (Mesos aborts the agent in that case).
 */
public interface CheckpointStore {
  /** Durably appends {@code record} to the stream of {@code key}, creating the stream if needed. */
  void append(StreamKey key, CheckpointRecord record);

  /** Forgets the stream of {@code key} (its terminal update was acknowledged); a no-op if there is none. */
  void remove(StreamKey key);

  /**
   * Every stored stream with its records in append order. A record torn by a crash at the end of a stream is dropped
   * (it was never acknowledged as durable); corruption anywhere else throws.
   */
  Map<StreamKey, List<CheckpointRecord>> recover();

  /** A store that keeps nothing: for tasks of frameworks that did not ask for checkpointing. */
  CheckpointStore NONE = new CheckpointStore() {
    @Override public void append(StreamKey key, CheckpointRecord record) {}

    @Override public void remove(StreamKey key) {}

    @Override public Map<StreamKey, List<CheckpointRecord>> recover() { return Map.of(); }
  };
}
