package io.drover.apps.api.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marathon's event bus: publishers hand in JSON events ({@code eventType}, {@code timestamp} and the type's fields,
 * marathon.md §1), every subscriber gets those its filter accepts, in publication order per subscriber. Publishing
 * never blocks: each subscriber has a bounded queue and one that cannot keep up is dropped
 * ({@link Subscription.End#OVERFLOW}) rather than slowing the bus or growing memory. At most
 * {@code maxSubscribers} subscribe at once. Published events must not be modified afterwards (they are shared).
 * Thread-safe.
 */
public final class EventBus implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EventBus.class);

  /** Marathon 1.10's {@code --event_stream_max_outstanding_messages}: events buffered per subscriber. */
  public static final int DEFAULT_QUEUE_CAPACITY = 1024;
  public static final int DEFAULT_MAX_SUBSCRIBERS = 256;

  private final int maxSubscribers;
  private final List<Subscription> subscribers = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  public EventBus(int maxSubscribers) {
    if (maxSubscribers < 1) throw new IllegalArgumentException("maxSubscribers must be >= 1");
    this.maxSubscribers = maxSubscribers;
  }

  public EventBus() { this(DEFAULT_MAX_SUBSCRIBERS); }

  public int maxSubscribers() { return maxSubscribers; }

  public int subscriberCount() { return subscribers.size(); }

  /**
   * Delivers {@code event} to every subscriber whose filter accepts its type; answers to how many. A closed bus
   * delivers nothing.
   *
   * @throws IllegalArgumentException if the event lacks a text {@code eventType} or {@code timestamp}
   */
  public int publish(JsonNode event) {
    String type = Events.eventType(event);
    int delivered = 0;
    for (Subscription s : subscribers) {
      if (s.offer(type, event)) {
        delivered++;
      } else if (s.end().orElse(null) == Subscription.End.OVERFLOW) {
        log.warn("event subscriber {} is too slow (queue full at {}): dropped", s.name(), type);
      }
    }
    return delivered;
  }

  /**
   * A new subscription, or empty if {@code maxSubscribers} are already subscribed or the bus is closed.
   *
   * @param name who subscribes, for logs (the HTTP stream uses the remote address)
   * @param capacity events buffered before the subscriber counts as too slow
   * @param eventTypeFilter which event types to deliver
   */
  public synchronized Optional<Subscription> subscribe(String name, int capacity, Predicate<String> eventTypeFilter) {
    if (closed || subscribers.size() >= maxSubscribers) return Optional.empty();
    Subscription s = new Subscription(name, capacity, eventTypeFilter, subscribers::remove);
    subscribers.add(s);
    return Optional.of(s);
  }

  /** Ends every subscription ({@link Subscription.End#BUS_CLOSED}, after their queued events); idempotent. */
  @Override public void close() {
    synchronized (this) {
      closed = true;
    }
    for (Subscription s : subscribers) s.finish(Subscription.End.BUS_CLOSED);
  }

  public boolean isClosed() { return closed; }

  static Predicate<String> acceptAll() { return t -> true; }

  static Predicate<String> only(List<String> types) {
    List<String> copy = List.copyOf(Objects.requireNonNull(types, "types"));
    return copy.isEmpty() ? acceptAll() : copy::contains;
  }
}
