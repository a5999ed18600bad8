package io.drover.coord.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * The server's sessions and their expiry, as ZooKeeper's {@code SessionTrackerImpl}: each session sits in
 * the tick bucket {@code ((now + timeout) / tick + 1) * tick}; a touch moves it to a later bucket; when the
 * clock passes a bucket, every session in it expires at once. Time is passed in (monotonic milliseconds);
 * this class reads no clock. Owned by the server's event loop; not thread-safe.
 */
public final class SessionTable {
  private static final long PASSWORD_SEED_XOR = 0xB3415C00L;
  public static final int PASSWORD_LENGTH = 16;

  private final int tickMs;
  private final Map<Long, Entry> sessions = new HashMap<>();
  private final TreeMap<Long, Set<Long>> buckets = new TreeMap<>();
  private long nextId;

  private static final class Entry {
    final int timeoutMs;
    long expiryMs;
    boolean closing;

    Entry(int timeoutMs) { this.timeoutMs = timeoutMs; }
  }

  /**
   * @param serverId goes in the top byte of every session id, so ids from different servers never collide
   * @param wallMillis the wall clock at start; ids of a restarted server start past the old ones
   */
  public SessionTable(int tickMs, long serverId, long wallMillis) {
    if (tickMs <= 0) throw new IllegalArgumentException("tickMs must be positive: " + tickMs);
    this.tickMs = tickMs;
    this.nextId = initialSessionId(serverId, wallMillis);
  }

  /** ZooKeeper's {@code SessionTrackerImpl.initializeNextSessionId}. */
  public static long initialSessionId(long serverId, long wallMillis) {
    long id = (wallMillis << 24) >>> 8;
    return id | (serverId << 56);
  }

  /** The 16-byte password ZooKeeper derives from a session id; a reconnect must present it. */
  public static byte[] password(long sessionId) {
    byte[] pw = new byte[PASSWORD_LENGTH];
    new Random(sessionId ^ PASSWORD_SEED_XOR).nextBytes(pw);
    return pw;
  }

  public static boolean passwordMatches(long sessionId, byte[] presented) {
    return presented != null && java.util.Arrays.equals(password(sessionId), presented);
  }

  /** Clamps a client's requested timeout into [min, max]. */
  public static int negotiateTimeout(int requestedMs, int minMs, int maxMs) {
    return Math.max(minMs, Math.min(maxMs, requestedMs));
  }

  public long nextSessionId() { return nextId++; }

  public int tickMs() { return tickMs; }

  private long bucketFor(long nowMs, int timeoutMs) { return ((nowMs + timeoutMs) / tickMs + 1) * tickMs; }

  /** Adds (or re-adds, on recovery) a session with a fresh expiry from now. */
  public void add(long sessionId, int timeoutMs, long nowMs) {
    remove(sessionId);
    Entry e = new Entry(timeoutMs);
    sessions.put(sessionId, e);
    place(sessionId, e, bucketFor(nowMs, timeoutMs));
  }

  private void place(long sessionId, Entry e, long expiryMs) {
    e.expiryMs = expiryMs;
    buckets.computeIfAbsent(expiryMs, k -> new LinkedHashSet<>()).add(sessionId);
  }

  private void unplace(long sessionId, Entry e) {
    Set<Long> bucket = buckets.get(e.expiryMs);
    if (bucket != null && bucket.remove(sessionId) && bucket.isEmpty()) buckets.remove(e.expiryMs);
  }

  /** Pushes a live session's expiry out; false if the session is unknown or already closing. */
  public boolean touch(long sessionId, long nowMs) {
    Entry e = sessions.get(sessionId);
    if (e == null || e.closing) return false;
    long expiry = bucketFor(nowMs, e.timeoutMs);
    if (expiry > e.expiryMs) {
      unplace(sessionId, e);
      place(sessionId, e, expiry);
    }
    return true;
  }

  public boolean isLive(long sessionId) {
    Entry e = sessions.get(sessionId);
    return e != null && !e.closing;
  }

  public boolean contains(long sessionId) { return sessions.containsKey(sessionId); }

  /** The negotiated timeout, or -1 for an unknown session. */
  public int timeoutOf(long sessionId) {
    Entry e = sessions.get(sessionId);
    return e == null ? -1 : e.timeoutMs;
  }

  /** Marks a session as closing: a close txn is on its way; it accepts no more requests and is not expired twice. */
  public void setClosing(long sessionId) {
    Entry e = sessions.get(sessionId);
    if (e != null && !e.closing) {
      e.closing = true;
      unplace(sessionId, e);
    }
  }

  public void remove(long sessionId) {
    Entry e = sessions.remove(sessionId);
    if (e != null && !e.closing) unplace(sessionId, e);
  }

  /** Sessions whose bucket the clock has passed; they are marked closing and returned, oldest bucket first. */
  public List<Long> expire(long nowMs) {
    List<Long> expired = new ArrayList<>();
    while (!buckets.isEmpty() && buckets.firstKey() <= nowMs) {
      for (long id : buckets.pollFirstEntry().getValue()) {
        Entry e = sessions.get(id);
        e.closing = true;
        expired.add(id);
      }
    }
    return expired;
  }

  /** Every session and its timeout, for snapshots. */
  public Map<Long, Integer> timeouts() {
    Map<Long, Integer> out = new HashMap<>();
    sessions.forEach((id, e) -> out.put(id, e.timeoutMs));
    return out;
  }

  public int size() { return sessions.size(); }
}
