package io.drover.agent.node;

import io.drover.agent.status.CheckpointRecord;
import io.drover.agent.status.CheckpointStore;
import io.drover.agent.status.StreamKey;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Checkpoints the status update streams of checkpointing frameworks only (Mesos keeps nothing on disk for the
 * others); recovery reads whatever the delegate holds.
 */
final class FrameworkCheckpointStore implements CheckpointStore {
  private final CheckpointStore delegate;
  private final Predicate<String> checkpointing;

  FrameworkCheckpointStore(CheckpointStore delegate, Predicate<String> checkpointing) {
    this.delegate = delegate;
    this.checkpointing = checkpointing;
  }

  @Override public void append(StreamKey key, CheckpointRecord record) {
    if (checkpointing.test(key.frameworkId())) {
      delegate.append(key, record);
    }
  }

  @Override public void remove(StreamKey key) {
    delegate.remove(key); // a no-op when nothing was stored
  }

  @Override public Map<StreamKey, List<CheckpointRecord>> recover() {
    return delegate.recover();
  }
}
