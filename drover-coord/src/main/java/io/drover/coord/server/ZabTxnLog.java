package io.drover.coord.server;

import io.drover.coord.core.ZabLog;
import io.drover.coord.core.Zxid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * The Zab core's log over coord's {@link io.drover.coord.storage.TxnLog}. Appends go to the {@link SyncThread}
 * (group commit: buffered, fsynced in batches); the sync thread reports {@link LoopEvent.LogSynced} and the loop
 * passes it on as {@code onLogSynced}. Truncation also goes through the sync thread, so it happens after the appends
 * queued before it, and the loop waits for it (Zab's TRUNC and SNAP are synchronous, as in ZooKeeper).
 *
 * <p>Reads are served from an in-memory window of the most recent entries, (baseZxid, lastZxid]. The window is kept
 * within {@code maxEntries} and {@code maxBytes}, but an entry only leaves it once it is applied (at or below the
 * replicated state's last applied zxid), so every entry the core may still apply or send is present.
 *
 * <p>Each truncation starts a new generation: durability reports of appends made before it are ignored, so an fsync
 * of a dropped entry never counts for a later entry with the same zxid. Loop thread only.
 */
final class ZabTxnLog implements ZabLog {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ZabTxnLog.class);
  /** How long the loop waits for a truncation before declaring the disk dead. */
  private static final long TRUNCATE_TIMEOUT_MS = 60_000;

  /** Called by {@link #reset} to write the restored state as a snapshot before the log is cut. */
  @FunctionalInterface
  interface SnapshotWriter {
    void write(long zxid) throws IOException;
  }

  private final SyncThread sync;
  private final LongSupplier appliedZxid;
  private final SnapshotWriter snapshotWriter;
  private final int maxEntries;
  private final long maxBytes;
  private final TreeMap<Long, byte[]> window = new TreeMap<>();
  private long bytes;
  private long base;
  private long generation;

  /**
   * @param base the zxid the recovered entries follow (the snapshot's)
   * @param recovered the log's entries after base, durable, oldest first
   */
  ZabTxnLog(SyncThread sync, LongSupplier appliedZxid, SnapshotWriter snapshotWriter, long base,
      List<LogEntry> recovered, int maxEntries, long maxBytes) {
    this.sync = sync;
    this.appliedZxid = appliedZxid;
    this.snapshotWriter = snapshotWriter;
    this.base = base;
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
    for (LogEntry e : recovered) put(e.zxid(), e.txn());
  }

  long generation() { return generation; }

  @Override public void append(long zxid, byte[] txn) {
    if (zxid <= lastZxid()) {
      throw new IllegalArgumentException("append " + Zxid.hex(zxid) + " after " + Zxid.hex(lastZxid()));
    }
    try {
      sync.appendBytes(generation, zxid, txn);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while appending to the txn log", e);
    }
    put(zxid, txn);
    trim();
  }

  private void put(long zxid, byte[] txn) {
    window.put(zxid, txn);
    bytes += txn.length;
  }

  /** Drops the oldest applied entries while the window is over its bounds. */
  private void trim() {
    long applied = appliedZxid.getAsLong();
    while ((window.size() > maxEntries || bytes > maxBytes) && !window.isEmpty() && window.firstKey() <= applied) {
      Map.Entry<Long, byte[]> first = window.pollFirstEntry();
      bytes -= first.getValue().length;
      base = first.getKey();
    }
  }

  @Override public void truncateAfter(long zxid) {
    log.info("txn log truncated after {} (TRUNC from the leader; last was {})", Zxid.hex(zxid), Zxid.hex(lastZxid()));
    generation++;
    truncateDisk(zxid);
    while (!window.isEmpty() && window.lastKey() > zxid) bytes -= window.pollLastEntry().getValue().length;
  }

  @Override public void reset(long baseZxid) {
    generation++;
    try {
      snapshotWriter.write(baseZxid);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot snapshot the state received from the leader", e);
    }
    truncateDisk(0);
    window.clear();
    bytes = 0;
    base = baseZxid;
  }

  private void truncateDisk(long zxid) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      sync.truncate(zxid, done);
      done.get(TRUNCATE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while truncating the txn log", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("truncating the txn log after " + Zxid.hex(zxid) + " failed", e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("truncating the txn log took over " + TRUNCATE_TIMEOUT_MS + " ms", e);
    }
  }

  @Override public long lastZxid() { return window.isEmpty() ? base : window.lastKey(); }

  @Override public long baseZxid() { return base; }

  @Override public boolean contains(long zxid) { return window.containsKey(zxid); }

  @Override public long lastZxidBefore(long zxid) {
    Long k = window.lowerKey(zxid);
    return k == null ? base : k;
  }

  @Override public List<LogEntry> entriesAfter(long zxid, int limit) {
    List<LogEntry> out = new ArrayList<>(Math.min(limit, 64));
    for (Map.Entry<Long, byte[]> e : window.tailMap(zxid, false).entrySet()) {
      if (out.size() >= limit) break;
      out.add(new LogEntry(e.getKey(), e.getValue()));
    }
    return out;
  }

  @Override public int countAfter(long zxid) { return window.tailMap(zxid, false).size(); }

  int windowSize() { return window.size(); }
}
