package io.drover.apps.api.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One subscriber's bounded queue of bus events. The bus {@link #offer}s without blocking; the subscriber
 * {@link #poll}s. A subscriber whose queue is full when an event arrives is too slow: its subscription ends with
 * {@link End#OVERFLOW} (its backlog dropped) and the bus goes on without it. Thread-safe.
 */
public final class Subscription implements AutoCloseable {
  /** Why a subscription ended. */
  public enum End {
    /** {@link #close()} was called (the subscriber left). */
    CLOSED,
    /** The queue was full: the subscriber could not keep up. */
    OVERFLOW,
    /** The bus was closed. */
    BUS_CLOSED
  }

  /** What {@link #poll} found. */
  public sealed interface Next permits Event, Timeout, Ended {}

  public record Event(String eventType, JsonNode event) implements Next {}

  /** Nothing arrived within the timeout (time for a keep-alive). */
  public record Timeout() implements Next {}

  public record Ended(End end) implements Next {}

  private static final Event END_MARK = new Event("", null);

  private final String name;
  private final Predicate<String> eventTypeFilter;
  private final BlockingQueue<Event> queue;
  private final Consumer<Subscription> onEnd;
  private volatile End end;
  private Consumer<End> endAction = e -> { }; // guarded by this

  Subscription(String name, int capacity, Predicate<String> eventTypeFilter, Consumer<Subscription> onEnd) {
    if (capacity < 1) throw new IllegalArgumentException("capacity must be >= 1");
    this.name = Objects.requireNonNull(name, "name");
    this.eventTypeFilter = Objects.requireNonNull(eventTypeFilter, "eventTypeFilter");
    this.onEnd = Objects.requireNonNull(onEnd, "onEnd");
    this.queue = new ArrayBlockingQueue<>(capacity + 1); // one slot kept for the end mark
  }

  /** Who subscribed (the remote address for the HTTP stream). */
  public String name() { return name; }

  public boolean isOpen() { return end == null; }

  public Optional<End> end() { return Optional.ofNullable(end); }

  /** Queues {@code event} if it passes the filter; ends the subscription on overflow. False if not queued. */
  boolean offer(String eventType, JsonNode event) {
    if (end != null || !eventTypeFilter.test(eventType)) return false;
    synchronized (this) {
      if (end != null) return false;
      if (queue.remainingCapacity() > 1 && queue.offer(new Event(eventType, event))) return true;
    }
    finish(End.OVERFLOW);
    return false;
  }

  /** Waits up to {@code timeoutMs} for the next event; after the end, answers {@link Ended} at once. */
  public Next poll(long timeoutMs) throws InterruptedException {
    if (end == End.OVERFLOW || end == End.BUS_CLOSED && queue.isEmpty()) return new Ended(end);
    Event e = queue.poll(timeoutMs, TimeUnit.MILLISECONDS);
    if (e == END_MARK) {
      queue.offer(END_MARK); // keep answering Ended
      return new Ended(end);
    }
    if (e == null) return end != null ? new Ended(end) : new Timeout();
    return e;
  }

  /**
   * Runs {@code action} once when the subscription ends, on the thread that ends it (for an overflow: the
   * publisher's, so it must be quick); at once if it has ended already.
   */
  public void whenEnded(Consumer<End> action) {
    Objects.requireNonNull(action, "action");
    End now;
    synchronized (this) {
      now = end;
      if (now == null) {
        endAction = endAction.andThen(action);
        return;
      }
    }
    action.accept(now);
  }

  /** Leaves the bus. Idempotent. */
  @Override public void close() { finish(End.CLOSED); }

  void finish(End why) {
    Consumer<End> action;
    synchronized (this) {
      if (end != null) return;
      end = why;
      if (why != End.BUS_CLOSED) queue.clear(); // a slow or departed subscriber does not get its backlog
      if (!queue.offer(END_MARK)) {
        queue.clear();
        queue.offer(END_MARK);
      }
      action = endAction;
    }
    onEnd.accept(this);
    action.accept(why);
  }
}
