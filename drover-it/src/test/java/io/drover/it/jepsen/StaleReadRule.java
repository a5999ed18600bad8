package io.drover.it.jepsen;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How reads of a ZooKeeper ensemble are checked. ZooKeeper reads are served from the local replica of whichever
 * server the session is connected to, so they may be stale: a read is NOT linearizable (not even after {@code sync()},
 * which is not a quorum operation: zookeeper.md §2.5, jepsen#399, ZOOKEEPER-3522). Checking plain reads with a
 * linearizable register model, as Jepsen's ZooKeeper tutorial does, can flag a correct server (the ClickHouse Keeper
 * Jepsen suite requires its {@code quorum_reads} option for that reason). What ZooKeeper does guarantee, and what this
 * rule checks, is:
 *
 * <ol>
 *   <li>A read returns a committed state (a prefix of the one zxid order that writes are linearized in), and that state
 *       is no older than the session's own last acknowledged write: the client library carries the last zxid it saw
 *       and a server behind it refuses the session. So a read is linearized in a widened window: from the invoke of
 *       the same session's latest earlier OK write or CAS (whose commit the state includes; the start of the history
 *       when the session has none) to the read's own completion. {@link #widen} rewrites each read's invoke to that
 *       point; writes and CAS keep their real windows and are checked as linearizable.
 *   <li>Per session and key, observed data versions never go backwards (reads and OK writes; {@link #monotonic}):
 *       the session's view moves forward only, even across reconnects to another server.
 * </ol>
 *
 * This is sound — a correct ZooKeeper never fails it (a read of state z can be placed at z's commit, which lies after
 * the invoke of any write the session saw acknowledged and before the read's reply) — and it still catches lost or
 * duplicated writes, CAS that succeeds twice on one version, reads of values never written or of uncommitted state,
 * reads older than writes that completed before the session's own last write began (rule 1), and reads older than
 * the session's own writes or reads of the same key (rule 2). It does not catch a read that is merely stale with
 * respect to OTHER sessions' writes, which ZooKeeper allows.
 */
public final class StaleReadRule {
  private StaleReadRule() {}

  /** The history with each OK read's invoke moved back as described in rule 1; every other operation unchanged. */
  public static List<Op> widen(List<Op> history) {
    long originNs = history.stream().mapToLong(Op::invokeNs).min().orElse(0);
    List<Op> sorted = new ArrayList<>(history);
    sorted.sort(Comparator.comparingLong(Op::invokeNs));
    // The floor is per session, not per key: the session's last zxid covers every key.
    Map<Integer, Long> floorByProcess = new HashMap<>();
    List<Op> out = new ArrayList<>(history.size());
    for (Op op : sorted) {
      if (op.kind() == Op.Kind.READ && op.outcome() == Op.Outcome.OK) {
        out.add(op.invokedAt(floorByProcess.getOrDefault(op.process(), originNs)));
        continue;
      }
      out.add(op);
      // Only a write acknowledged before the session's next operation starts moves the floor; sessions here run one
      // operation at a time, so completion order is invoke order.
      if (op.isWrite() && op.outcome() == Op.Outcome.OK) floorByProcess.merge(op.process(), op.invokeNs(), Math::max);
    }
    return out;
  }

  /**
   * Violations of rule 2, one line each: a session that observed a data version lower than one it had observed (or
   * written) before on the same key.
   */
  public static List<String> monotonic(List<Op> history) {
    long originNs = history.stream().mapToLong(Op::invokeNs).min().orElse(0);
    List<Op> sorted = new ArrayList<>(history);
    sorted.sort(Comparator.comparingLong(Op::invokeNs));
    record SessionKey(int process, String key) {}
    Map<SessionKey, Op> lastSeen = new HashMap<>();
    List<String> violations = new ArrayList<>();
    for (Op op : sorted) {
      if (op.outcome() != Op.Outcome.OK) continue;
      long seen = observedVersion(op);
      if (seen < 0) continue;
      SessionKey sk = new SessionKey(op.process(), op.key());
      Op before = lastSeen.get(sk);
      if (before != null && seen < observedVersion(before)) {
        violations.add("session p" + op.process() + " went back in time on " + op.key() + ": "
            + before.describe(originNs) + " then " + op.describe(originNs));
      }
      if (before == null || seen >= observedVersion(before)) lastSeen.put(sk, op);
    }
    return violations;
  }

  /** The data version an OK operation shows its session, or -1 when unknown. */
  private static long observedVersion(Op op) {
    return switch (op.kind()) {
      case READ, WRITE -> op.version();
      case CAS -> op.version() + 1;
    };
  }
}
