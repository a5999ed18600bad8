package io.drover.master.server;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The operator API's event subscribers, at most {@code max} at once (Mesos: 1000). */
final class OperatorStreams {
  private final int max;
  private final Set<EventStream> streams = ConcurrentHashMap.newKeySet();

  OperatorStreams(int max) { this.max = max; }

  /** Adds a subscriber; false when the limit is reached. Loop thread only (so the check and add are atomic). */
  boolean add(EventStream stream) {
    if (streams.size() >= max) return false;
    return streams.add(stream);
  }

  void remove(EventStream stream) { streams.remove(stream); }

  int size() { return streams.size(); }

  /** Sends to every subscriber; one that overflowed is closed by its stream and dropped here. */
  void broadcast(byte[] frame) {
    for (EventStream s : streams) if (!s.offer(frame)) streams.remove(s);
  }

  void closeAll() {
    streams.forEach(EventStream::close);
    streams.clear();
  }
}
