package io.drover.master.server;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The current subscription stream of each framework or agent: at most one per key, the newest wins (attaching closes
 * the older one). Written by the loop thread; handlers only remove their own stream when it ends.
 */
final class StreamTable {
  private final Map<String, EventStream> streams = new ConcurrentHashMap<>();

  /** Makes {@code stream} the key's current stream, closing a different older one. */
  void attach(String key, EventStream stream) {
    EventStream old = streams.put(key, stream);
    if (old != null && old != stream) old.close();
  }

  Optional<EventStream> get(String key) { return Optional.ofNullable(streams.get(key)); }

  /** Sends to the key's stream; false if it has none (the record is dropped). */
  boolean send(String key, byte[] frame) {
    EventStream s = streams.get(key);
    return s != null && s.offer(frame);
  }

  /** Closes and forgets the key's stream if its id is {@code streamId} (any stream when null). */
  void close(String key, String streamId) {
    EventStream s = streams.get(key);
    if (s == null || (streamId != null && !s.id().equals(streamId))) return;
    streams.remove(key, s);
    s.close();
  }

  /** Forgets {@code stream} if it is still the key's current one (called when it ended). */
  void detach(String key, EventStream stream) { streams.remove(key, stream); }

  int size() { return streams.size(); }

  void closeAll() {
    streams.values().forEach(EventStream::close);
    streams.clear();
  }
}
