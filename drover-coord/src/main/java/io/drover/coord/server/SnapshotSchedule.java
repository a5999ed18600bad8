package io.drover.coord.server;

import io.drover.common.random.Rng;

/**
 * When to snapshot, as ZooKeeper's SyncRequestProcessor decides: after snapCount/2 + random(snapCount/2) txns (so
 * the servers of an ensemble do not all snapshot at once), and never while the previous snapshot is being written.
 */
final class SnapshotSchedule {
  private final int snapCount;
  private final Rng rng;
  private long sinceLast;
  private long threshold;
  private boolean running;

  SnapshotSchedule(int snapCount, Rng rng) {
    this.snapCount = snapCount;
    this.rng = rng;
    this.threshold = next();
  }

  private long next() {
    int half = Math.max(1, snapCount / 2);
    return half + rng.nextInt(half);
  }

  /** Counts one txn; true when a snapshot should start now (the caller then calls {@link #started}). */
  boolean countTxn() { return ++sinceLast >= threshold && !running; }

  void started() {
    running = true;
    sinceLast = 0;
    threshold = next();
  }

  void finished() { running = false; }
}
