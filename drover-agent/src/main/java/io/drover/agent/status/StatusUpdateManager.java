package io.drover.agent.status;

import io.drover.common.mesos.TaskState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The agent's status update manager, pure: one {@link StatusUpdateStream} per (framework, task), checkpointed through
 * a {@link CheckpointStore} so that delivery survives an agent restart.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #update} checkpoints first, then queues: an update the caller was told about is on disk.
 *       Duplicates (same uuid) are neither checkpointed nor queued.
 *   <li>{@link #acknowledge} checkpoints the ack, then pops the head. When a terminal update is acknowledged the
 *       stream is removed from memory and from the store, so a later ack for it answers {@code UnknownStream}.
 *   <li>{@link #due} gives the heads to send now; the driver calls it when {@link #nextDueMs()} arrives.
 *   <li>{@link #recover} rebuilds every stream from the store; each unacknowledged head is due at once.
 * </ul>
 * Not thread-safe: one driver thread owns it.
 */
public final class StatusUpdateManager {
  private final CheckpointStore store;
  private final int maxPendingPerStream;
  private final Map<StreamKey, StatusUpdateStream> streams = new LinkedHashMap<>();

  public StatusUpdateManager(CheckpointStore store, int maxPendingPerStream) {
    this.store = store;
    this.maxPendingPerStream = maxPendingPerStream;
  }

  public StatusUpdateManager(CheckpointStore store) { this(store, StatusUpdateStream.DEFAULT_MAX_PENDING); }

  /**
   * A manager holding every stream {@code store} kept, replayed record by record. Streams whose terminal update had
   * been acknowledged (a crash between the ack and the removal) are removed from the store. Unacknowledged heads are
   * due at {@code nowMs}, with a fresh backoff.
   */
  public static StatusUpdateManager recover(CheckpointStore store, int maxPendingPerStream, long nowMs) {
    StatusUpdateManager manager = new StatusUpdateManager(store, maxPendingPerStream);
    for (Map.Entry<StreamKey, List<CheckpointRecord>> e : store.recover().entrySet()) {
      // The bound must not drop checkpointed updates: replay with room for all of them.
      StatusUpdateStream stream =
          new StatusUpdateStream(e.getKey(), Math.max(maxPendingPerStream, e.getValue().size()));
      for (CheckpointRecord record : e.getValue()) {
        switch (record) {
          case CheckpointRecord.Update u -> stream.add(u.update(), nowMs);
          case CheckpointRecord.Ack a -> stream.acknowledge(a.uuid(), nowMs);
        }
      }
      if (stream.terminated()) {
        store.remove(e.getKey());
      } else {
        manager.streams.put(e.getKey(), stream);
      }
    }
    return manager;
  }

  public static StatusUpdateManager recover(CheckpointStore store, long nowMs) {
    return recover(store, StatusUpdateStream.DEFAULT_MAX_PENDING, nowMs);
  }

  /** Checkpoints and queues {@code update} on its task's stream, creating the stream if needed. */
  public AddResult update(StatusUpdate update, long nowMs) {
    StreamKey key = StreamKey.of(update);
    StatusUpdateStream stream = streams.get(key);
    boolean created = stream == null;
    if (created) stream = new StatusUpdateStream(key, maxPendingPerStream);
    // Ask first, so that neither a duplicate nor an overflow reaches the disk.
    Optional<AddResult> refused = stream.refusal(update);
    if (refused.isPresent()) return refused.get();
    store.append(key, new CheckpointRecord.Update(update));
    AddResult result = stream.add(update, nowMs);
    if (created && result instanceof AddResult.Added) streams.put(key, stream);
    return result;
  }

  /** Checkpoints the ack and pops the head if {@code uuid} is the head's; otherwise ignores it and says why. */
  public AckResult acknowledge(String frameworkId, String taskId, UUID uuid, long nowMs) {
    StreamKey key = new StreamKey(frameworkId, taskId);
    StatusUpdateStream stream = streams.get(key);
    if (stream == null) return new AckResult.UnknownStream(key);
    if (stream.head().map(h -> !h.uuid().equals(uuid)).orElse(true)) {
      return stream.acknowledge(uuid, nowMs); // ignored either way; the stream says why
    }
    store.append(key, new CheckpointRecord.Ack(uuid));
    AckResult result = stream.acknowledge(uuid, nowMs);
    if (result instanceof AckResult.Acknowledged a && a.terminated()) {
      streams.remove(key);
      store.remove(key);
    }
    return result;
  }

  /** Every stream's head that is due at {@code nowMs}; each returned head counts as sent. */
  public List<Outgoing> due(long nowMs) {
    List<Outgoing> out = new ArrayList<>();
    for (StatusUpdateStream s : streams.values()) out.addAll(s.due(nowMs));
    return out;
  }

  /** The earliest time any head is due; empty when nothing awaits acknowledgement. */
  public OptionalLong nextDueMs() {
    return streams.values().stream().map(StatusUpdateStream::nextDueMs).filter(OptionalLong::isPresent)
        .mapToLong(OptionalLong::getAsLong).min();
  }

  /** Makes every head due now (the agent found a new leading master), keeping each head's backoff. */
  public void retryAllNow(long nowMs) { streams.values().forEach(s -> s.retryNow(nowMs)); }

  public Optional<StatusUpdateStream> stream(StreamKey key) { return Optional.ofNullable(streams.get(key)); }

  /** The streams with unacknowledged updates or awaiting more, in creation order. */
  public List<StreamKey> streamKeys() { return List.copyOf(streams.keySet()); }

  /** The newest state the agent holds for a task that still has a stream. */
  public Optional<TaskState> latestState(String frameworkId, String taskId) {
    return stream(new StreamKey(frameworkId, taskId)).flatMap(StatusUpdateStream::latestState);
  }

  /**
   * Drops every stream of {@code frameworkId} from memory and store (the framework was removed; Mesos does the same
   * on shutdown of a framework). Returns how many were dropped.
   */
  public int removeFramework(String frameworkId) {
    List<StreamKey> gone = streams.keySet().stream().filter(k -> k.frameworkId().equals(frameworkId)).toList();
    for (StreamKey k : gone) {
      streams.remove(k);
      store.remove(k);
    }
    return gone.size();
  }
}
