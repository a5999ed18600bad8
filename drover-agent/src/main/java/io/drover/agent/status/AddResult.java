package io.drover.agent.status;

/** What became of an update handed to a stream or the manager. */
public sealed interface AddResult {
  /** Queued (and, through the manager, checkpointed). {@code isHead}: it is the one in flight and due now. */
  record Added(boolean isHead) implements AddResult {}

  /** An update with the same uuid was already received for this stream; nothing changed. */
  record Duplicate(java.util.UUID uuid) implements AddResult {}

  /** The stream already holds {@code limit} unacknowledged updates; the update was not queued. */
  record StreamFull(int limit) implements AddResult {}

  /**
   * The stream's terminal update was already acknowledged: the task's stream is over and takes no more updates.
   * Only a stream object answers this; the manager forgets terminated streams (see {@link StatusUpdateManager}).
   */
  record Terminated() implements AddResult {}
}
