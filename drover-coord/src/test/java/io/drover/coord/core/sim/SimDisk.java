package io.drover.coord.core.sim;

import io.drover.coord.core.EpochStore;
import io.drover.coord.core.ZabLog;
import java.util.ArrayList;
import java.util.List;

/**
 * One server's simulated disk. Log appends are volatile until an fsync that started after them completes;
 * a crash keeps only the durable prefix. Truncation, reset, the SNAP snapshot and the epoch files are durable at
 * once (ZooKeeper writes them synchronously). The disk outlives peer incarnations.
 */
final class SimDisk implements ZabLog, EpochStore {
  private final List<LogEntry> entries = new ArrayList<>();
  private int durableCount;
  private long base;
  private long acceptedEpoch;
  private long currentEpoch;
  /** The last SNAP this server installed (state bytes at snapshotZxid), or null. */
  byte[] snapshot;
  long snapshotZxid;
  /** Bumped by every truncate/reset: an fsync that started before completes as a no-op. */
  private long rewrites;
  /** Injected bug: fsync reports success at once but makes nothing durable (a crash loses every append). */
  boolean lieAboutFsync;

  /** What an fsync started now covers: (rewrites, entry count). */
  long[] startFsync() { return new long[] {rewrites, entries.size()}; }

  /** Completes an fsync; returns the zxid the log is now durable to, or -1 if it no longer applies. */
  long completeFsync(long[] started) {
    if (started[0] != rewrites) return -1;
    if (lieAboutFsync) {
      reportedCount = entries.size();
      return lastZxid();
    }
    durableCount = Math.max(durableCount, (int) Math.min(started[1], entries.size()));
    return durableCount == 0 ? base : entries.get(durableCount - 1).zxid();
  }

  boolean hasVolatile() { return durableCount < entries.size() && !lieAboutFsyncDone(); }

  private long reportedCount;

  private boolean lieAboutFsyncDone() { return lieAboutFsync && reportedCount == entries.size(); }

  /** A crash: unsynced appends are lost (unless the disk lies). */
  void crash() {
    entries.subList(durableCount, entries.size()).clear();
  }

  List<LogEntry> all() { return List.copyOf(entries); }

  @Override public void append(long zxid, byte[] txn) {
    if (zxid <= lastZxid()) throw new IllegalStateException("append " + zxid + " after " + lastZxid());
    entries.add(new LogEntry(zxid, txn));
  }

  @Override public void truncateAfter(long zxid) {
    int keep = indexAfter(zxid);
    entries.subList(keep, entries.size()).clear();
    durableCount = Math.min(durableCount, keep);
    rewrites++;
  }

  @Override public void reset(long baseZxid) {
    entries.clear();
    durableCount = 0;
    base = baseZxid;
    rewrites++;
  }

  @Override public long lastZxid() { return entries.isEmpty() ? base : entries.getLast().zxid(); }

  @Override public long baseZxid() { return base; }

  @Override public boolean contains(long zxid) {
    int i = indexAfter(zxid) - 1;
    return i >= 0 && entries.get(i).zxid() == zxid;
  }

  @Override public long lastZxidBefore(long zxid) {
    int i = indexAfter(zxid - 1) - 1;
    return i >= 0 ? entries.get(i).zxid() : base;
  }

  @Override public List<LogEntry> entriesAfter(long zxid, int limit) {
    int from = indexAfter(zxid);
    return List.copyOf(entries.subList(from, Math.min(entries.size(), from + limit)));
  }

  @Override public int countAfter(long zxid) { return entries.size() - indexAfter(zxid); }

  /** Index of the first entry with a zxid above {@code zxid}. */
  private int indexAfter(long zxid) {
    int lo = 0;
    int hi = entries.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (entries.get(mid).zxid() <= zxid) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  @Override public long acceptedEpoch() { return acceptedEpoch; }

  @Override public long currentEpoch() { return currentEpoch; }

  @Override public void setAcceptedEpoch(long epoch) { acceptedEpoch = epoch; }

  @Override public void setCurrentEpoch(long epoch) { currentEpoch = epoch; }
}
