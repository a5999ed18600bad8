package io.drover.agent.status;

import java.util.Optional;
import java.util.UUID;

/** What an acknowledgement did. Only {@link Acknowledged} changed anything; the others were ignored. */
public sealed interface AckResult {
  /**
   * The head was acknowledged and popped. {@code next}: the new head, now due. {@code terminated}: the acknowledged
   * update was terminal, so the stream is over.
   */
  record Acknowledged(StatusUpdate update, Optional<StatusUpdate> next, boolean terminated) implements AckResult {}

  /** That uuid was acknowledged before (a retried ack); ignored. */
  record Duplicate(UUID uuid) implements AckResult {}

  /** The uuid is not the head's ({@code expected}, empty when nothing is pending); ignored, as Mesos does. */
  record Unexpected(UUID uuid, Optional<UUID> expected) implements AckResult {}

  /** No stream exists for that framework and task (never created, or terminated and cleaned up); ignored. */
  record UnknownStream(StreamKey key) implements AckResult {}
}
