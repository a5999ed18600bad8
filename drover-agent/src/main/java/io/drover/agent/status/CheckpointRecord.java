package io.drover.agent.status;

import java.util.Objects;
import java.util.UUID;

/** One entry of a task's checkpointed stream, in the order it was appended. */
public sealed interface CheckpointRecord {
  /** An update was received (and is to be delivered). */
  record Update(StatusUpdate update) implements CheckpointRecord {
    public Update { Objects.requireNonNull(update, "update"); }
  }

  /** The update with {@code uuid} was acknowledged by the framework. */
  record Ack(UUID uuid) implements CheckpointRecord {
    public Ack { Objects.requireNonNull(uuid, "uuid"); }
  }
}
