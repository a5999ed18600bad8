package io.drover.coord.core.sim;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The simulated network's bookkeeping. Two modes:
 * <ul>
 *   <li>Election notifications are datagrams: each may be lost, duplicated or delayed independently (so
 *       reordered). This is harsher than ZooKeeper's election connections, which FLE must (and does) survive.</li>
 *   <li>Quorum traffic rides a TCP-like connection per learner/leader pair, opened by the learner's
 *       FOLLOWERINFO/OBSERVERINFO: FIFO, never duplicated, never lost while open. Breaking it (partition, crash,
 *       reset, CloseConnection) loses everything in flight; the ends get onDisconnected when the break is
 *       noticed (a reset or close), or must time out (a silent partition). A message crossing a blocked link
 *       kills its connection rather than leaving a gap.</li>
 * </ul>
 */
final class SimNetwork {
  static final class Conn {
    long gen;
    boolean open;
    /** The connection generation each end knows (-1: none); a message is sent on its sender's generation. */
    final Map<Long, Long> known = new HashMap<>();
  }

  private final Map<Long, Conn> conns = new HashMap<>();
  private final Set<Long> blocked = new HashSet<>();
  final Map<Long, Long> lastDelivery = new HashMap<>();

  static long key(long a, long b) { return Math.min(a, b) * 1_000 + Math.max(a, b); }

  static long directed(long from, long to) { return from * 1_000 + to; }

  Conn conn(long a, long b) { return conns.computeIfAbsent(key(a, b), k -> new Conn()); }

  Iterable<Map.Entry<Long, Conn>> allConns() { return conns.entrySet(); }

  boolean isBlocked(long from, long to) { return blocked.contains(directed(from, to)); }

  void block(long from, long to) { blocked.add(directed(from, to)); }

  void healAll() { blocked.clear(); }

  boolean anyBlocked() { return !blocked.isEmpty(); }
}
