package io.drover.coord.core.sim;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Zab's safety properties, checked as each event happens (every apply, restore and role change is checked when it
 * occurs, which is after every event that could break them):
 * <ul>
 *   <li>at most one leader reaches broadcast per epoch;</li>
 *   <li>applied prefixes agree: one global history of committed (zxid, txn); every apply extends a server's prefix
 *       of it without gaps, a new zxid only ever extends the whole history, same zxid means same bytes;</li>
 *   <li>each server's applied zxids strictly rise (also across a SNAP restore);</li>
 *   <li>every acknowledged write is applied by every leader that reaches broadcast later;</li>
 *   <li>(checked by the simulation) a completed sync has applied every write acknowledged, and every proposal of
 *       its leader, from before it was issued.</li>
 * </ul>
 */
final class InvariantChecker {
  private final TreeMap<Long, byte[]> history = new TreeMap<>();
  private final TreeMap<Long, byte[]> acknowledged = new TreeMap<>();
  private final Map<Long, Long> leaderOfEpoch = new HashMap<>();

  int historySize() { return history.size(); }

  int acknowledgedCount() { return acknowledged.size(); }

  long maxAcknowledged() { return acknowledged.isEmpty() ? 0 : acknowledged.lastKey(); }

  void applied(long server, long zxid, byte[] txn, long previous) {
    if (zxid <= previous) fail(server, "applied " + hex(zxid) + " after " + hex(previous));
    byte[] known = history.get(zxid);
    if (known != null) {
      if (!Arrays.equals(known, txn)) fail(server, "applied different bytes at " + hex(zxid));
      Long next = history.higherKey(previous);
      if (next == null || next != zxid) fail(server, "skipped " + hex(next == null ? -1 : next) + " applying "
          + hex(zxid) + " after " + hex(previous));
      return;
    }
    long last = history.isEmpty() ? 0 : history.lastKey();
    if (zxid < last) fail(server, "applied new " + hex(zxid) + " below the history's last " + hex(last));
    if (previous != last) fail(server, "applied " + hex(zxid) + " after " + hex(previous) + " but history is at "
        + hex(last));
    history.put(zxid, txn);
  }

  void restored(long server, TreeMap<Long, byte[]> content, long zxid, long previous) {
    if (zxid < previous) fail(server, "restored snapshot " + hex(zxid) + " below applied " + hex(previous));
    if (zxid != 0 && !history.containsKey(zxid)) fail(server, "restored snapshot at uncommitted " + hex(zxid));
    var expected = history.headMap(zxid, true);
    if (expected.size() != content.size()) fail(server, "snapshot at " + hex(zxid) + " has " + content.size()
        + " txns, history " + expected.size());
    for (var e : expected.entrySet()) {
      if (!Arrays.equals(e.getValue(), content.get(e.getKey()))) fail(server, "snapshot differs at " + hex(e.getKey()));
    }
  }

  void acknowledged(long zxid, byte[] txn) {
    byte[] prior = acknowledged.put(zxid, txn);
    if (prior != null && !Arrays.equals(prior, txn)) fail(-1, "two acknowledged writes at " + hex(zxid));
  }

  void leaderServing(long server, long epoch, TreeMap<Long, byte[]> leaderApplied) {
    Long other = leaderOfEpoch.putIfAbsent(epoch, server);
    if (other != null && other != server) fail(server, "second leader of epoch " + epoch + " (first " + other + ")");
    for (var e : acknowledged.entrySet()) {
      if (!Arrays.equals(e.getValue(), leaderApplied.get(e.getKey()))) {
        fail(server, "leader of epoch " + epoch + " lacks acknowledged write " + hex(e.getKey()));
      }
    }
  }

  /** A live server's whole applied state must be a prefix of the history. */
  void finalState(long server, TreeMap<Long, byte[]> applied) {
    var expected = history.headMap(applied.isEmpty() ? 0 : applied.lastKey(), true);
    if (!expected.keySet().equals(applied.keySet())) fail(server, "final state is not a prefix of the history");
  }

  private static void fail(long server, String what) {
    throw new InvariantViolation("server " + server + ": " + what);
  }

  static String hex(long zxid) { return "0x" + Long.toHexString(zxid); }

  static final class InvariantViolation extends RuntimeException {
    InvariantViolation(String message) { super(message); }
  }
}
