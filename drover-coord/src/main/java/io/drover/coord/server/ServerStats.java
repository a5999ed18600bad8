package io.drover.coord.server;

import java.util.concurrent.atomic.LongAdder;

/**
 * Server-wide counters for the four-letter words and metrics. Latencies are recorded by the loop thread;
 * readers on other threads see the values the loop last published.
 */
final class ServerStats {
  final long startMonoMs;
  private final LongAdder received = new LongAdder();
  private final LongAdder sent = new LongAdder();
  private long minLatencyMs = Long.MAX_VALUE;
  private long maxLatencyMs;
  private long totalLatencyMs;
  private long count;

  // Published by the loop for readers on other threads.
  volatile Snapshot published = new Snapshot(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  record Snapshot(long lastZxid, int nodeCount, long dataSize, int ephemerals, int watches, int watchedPaths,
                  int watchers, int sessions, int connections, int outstanding, int inFlight, long minLatencyMs,
                  double avgLatencyMs, long maxLatencyMs) {}

  ServerStats(long startMonoMs) { this.startMonoMs = startMonoMs; }

  void received() { received.increment(); }

  void sent(long latencyMs) {
    sent.increment();
    minLatencyMs = Math.min(minLatencyMs, latencyMs);
    maxLatencyMs = Math.max(maxLatencyMs, latencyMs);
    totalLatencyMs += latencyMs;
    count++;
  }

  long packetsReceived() { return received.sum(); }

  long uptimeMs() { return System.nanoTime() / 1_000_000L - startMonoMs; }

  long packetsSent() { return sent.sum(); }

  /** Called on the loop thread. */
  void publish(CoordLoop loop) {
    var w = loop.tree.watches();
    published = new Snapshot(loop.tree.lastProcessedZxid(), loop.tree.nodeCount(), loop.tree.approximateDataSize(),
        loop.tree.ephemeralCount(), w.watchCount(), w.watchedPathCount(), w.watcherCount(), loop.sessions.size(),
        loop.connections.size(), loop.outstanding(), loop.inFlightCount(), count == 0 ? 0 : minLatencyMs,
        count == 0 ? 0.0 : (double) totalLatencyMs / count, maxLatencyMs);
  }
}
