package io.drover.agent.status;

import io.drover.common.mesos.TaskState;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

/**
 * The ordered status update stream of one task: the reliable-delivery half of Mesos' status update manager, pure.
 *
 * <p>Contract:
 * <ul>
 *   <li>Updates leave in the order they were added. Only the <b>head</b> is in flight: the next update is not sent
 *       until the framework has acknowledged the head (by uuid).
 *   <li>A head is due as soon as it becomes head (when added to an empty stream, or when the update in front of it
 *       is acknowledged). After each send it is due again {@value #RETRY_MIN_MS} ms later, the interval doubling per
 *       retry up to {@value #RETRY_MAX_MS} ms: sends at +0, +10 s, +30 s, +70 s, ... The interval starts over at
 *       10 s for each new head.
 *   <li>An update whose uuid this stream has already received is a duplicate and is ignored; so is an ack whose
 *       uuid is not the head's. Neither throws: both happen in normal operation (retries on both sides).
 *   <li>Once a terminal update is acknowledged the stream is <b>terminated</b> and accepts nothing more.
 * </ul>
 *
 * <p>Bounded: at most {@code maxPending} unacknowledged updates, and the uuids of only the last
 * {@value #ACKED_MEMORY} acknowledged updates are remembered for duplicate detection (a duplicate older than that is
 * delivered again, which at-least-once delivery allows).
 * Not thread-safe: it belongs to its driver's event loop.
 */
public final class StatusUpdateStream {
  public static final long RETRY_MIN_MS = 10_000L;
  public static final long RETRY_MAX_MS = 600_000L;
  /** Default bound on unacknowledged updates per task; far above what a well-behaved executor produces. */
  public static final int DEFAULT_MAX_PENDING = 1_000;
  /** How many acknowledged uuids a stream remembers to recognise late duplicates. */
  public static final int ACKED_MEMORY = 1_000;

  private final StreamKey key;
  private final int maxPending;
  private final ArrayDeque<StatusUpdate> pending = new ArrayDeque<>();
  private final Set<UUID> pendingUuids = new HashSet<>();
  private final LinkedHashSet<UUID> acknowledged = new LinkedHashSet<>(); // oldest first, at most ACKED_MEMORY
  private boolean terminated;
  // Retry state of the current head; meaningful only while pending is non-empty.
  private long headDueMs;
  private long headIntervalMs;
  private int headAttempts;

  public StatusUpdateStream(StreamKey key, int maxPending) {
    if (maxPending < 1) throw new IllegalArgumentException("maxPending must be at least 1, got " + maxPending);
    this.key = key;
    this.maxPending = maxPending;
  }

  public StatusUpdateStream(StreamKey key) { this(key, DEFAULT_MAX_PENDING); }

  public StreamKey key() { return key; }

  /** Queues {@code update} (which must belong to this stream's task); if it becomes head, it is due at {@code nowMs}. */
  public AddResult add(StatusUpdate update, long nowMs) {
    if (!StreamKey.of(update).equals(key)) {
      throw new IllegalArgumentException("update for " + StreamKey.of(update) + " added to stream " + key);
    }
    Optional<AddResult> refused = refusal(update);
    if (refused.isPresent()) return refused.get();
    pendingUuids.add(update.uuid());
    pending.addLast(update);
    boolean isHead = pending.size() == 1;
    if (isHead) resetHead(nowMs);
    return new AddResult.Added(isHead);
  }

  /** Why {@link #add} would refuse {@code update} (without changing anything); empty if it would be added. */
  public Optional<AddResult> refusal(StatusUpdate update) {
    if (terminated) return Optional.of(new AddResult.Terminated());
    if (pendingUuids.contains(update.uuid()) || acknowledged.contains(update.uuid())) return Optional.of(new AddResult.Duplicate(update.uuid()));
    if (pending.size() >= maxPending) return Optional.of(new AddResult.StreamFull(maxPending));
    return Optional.empty();
  }

  /** Pops the head if {@code uuid} is its uuid; anything else is ignored and reported. */
  public AckResult acknowledge(UUID uuid, long nowMs) {
    StatusUpdate head = pending.peekFirst();
    if (head == null || !head.uuid().equals(uuid)) {
      if (acknowledged.contains(uuid)) return new AckResult.Duplicate(uuid);
      return new AckResult.Unexpected(uuid, Optional.ofNullable(head).map(StatusUpdate::uuid));
    }
    pending.removeFirst();
    pendingUuids.remove(uuid);
    acknowledged.add(uuid);
    if (acknowledged.size() > ACKED_MEMORY) acknowledged.removeFirst();
    if (head.state().isTerminal()) {
      // Mesos ends the stream at the acknowledged terminal update; anything queued behind it is never delivered.
      terminated = true;
      pending.clear();
      pendingUuids.clear();
    }
    Optional<StatusUpdate> next = Optional.ofNullable(pending.peekFirst());
    if (next.isPresent()) resetHead(nowMs);
    return new AckResult.Acknowledged(head, next, terminated);
  }

  /**
   * The head if it is due at {@code nowMs} (at most one element: only the head is in flight). Returning it counts
   * as sending it: the next retry is scheduled from {@code nowMs}.
   */
  public List<Outgoing> due(long nowMs) {
    StatusUpdate head = pending.peekFirst();
    if (head == null || nowMs < headDueMs) return List.of();
    headAttempts++;
    headDueMs = nowMs + headIntervalMs;
    headIntervalMs = Math.min(headIntervalMs * 2, RETRY_MAX_MS);
    return List.of(new Outgoing(head, pending.peekLast().state(), headAttempts));
  }

  /** Makes the head due at {@code nowMs} again without touching its backoff (e.g. a new master was detected). */
  public void retryNow(long nowMs) {
    if (!pending.isEmpty()) headDueMs = Math.min(headDueMs, nowMs);
  }

  /** When the head is next due; empty when nothing is pending. */
  public OptionalLong nextDueMs() { return pending.isEmpty() ? OptionalLong.empty() : OptionalLong.of(headDueMs); }

  public Optional<StatusUpdate> head() { return Optional.ofNullable(pending.peekFirst()); }

  /** The unacknowledged updates, head first. */
  public List<StatusUpdate> pending() { return List.copyOf(pending); }

  /** The state of the newest unacknowledged update, i.e. the latest state the master should know about. */
  public Optional<TaskState> latestState() { return Optional.ofNullable(pending.peekLast()).map(StatusUpdate::state); }

  /** True once a terminal update has been acknowledged. */
  public boolean terminated() { return terminated; }

  private void resetHead(long nowMs) {
    headDueMs = nowMs;
    headIntervalMs = RETRY_MIN_MS;
    headAttempts = 0;
  }
}
