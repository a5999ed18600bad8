package io.drover.coord.core;

import java.util.List;

/**
 * The txn log as Zab sees it: an ordered sequence of (zxid, txn) with strictly rising zxids, covering
 * (baseZxid, lastZxid]. Entries before the base live only in the replicated state's snapshot.
 *
 * <p>Durability contract: {@link #append} is buffered; the driver later reports {@code onLogSynced(zxid)} once the
 * log is durable up to zxid. {@link #truncateAfter} and {@link #reset} are durable when they return (ZooKeeper
 * truncates and snapshots synchronously). Entries present when a peer is constructed count as durable.
 * {@code onLogSynced(zxid)} means "every entry now in the log up to zxid is durable": an fsync that started
 * before a truncate or reset must not be reported (entries appended after a reset can have lower zxids).
 */
public interface ZabLog {
  void append(long zxid, byte[] txn);

  /** Drops every entry with a zxid above {@code zxid}. */
  void truncateAfter(long zxid);

  /** Drops every entry; the log now starts after {@code baseZxid} (used after a SNAP restored state there). */
  void reset(long baseZxid);

  /** The zxid of the last entry, or the base if there is none. */
  long lastZxid();

  /** The zxid the log starts after: entries at or below it are not available (0 for a log that never lost any). */
  long baseZxid();

  /** True when an entry with exactly this zxid is in the log. */
  boolean contains(long zxid);

  /** The largest zxid in the log strictly below {@code zxid}, or the base if none. */
  long lastZxidBefore(long zxid);

  /** Entries with zxid above {@code zxid}, oldest first, at most {@code limit} of them. */
  List<LogEntry> entriesAfter(long zxid, int limit);

  /** How many entries have a zxid above {@code zxid}. */
  int countAfter(long zxid);

  record LogEntry(long zxid, byte[] txn) {}
}
