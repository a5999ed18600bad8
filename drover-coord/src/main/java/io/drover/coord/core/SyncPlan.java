package io.drover.coord.core;

/**
 * How a leader brings a learner's log in line with its own (LearnerHandler.syncFollower): the learner first
 * applies the mode, then receives the leader's entries after {@code fromZxid} as proposals.
 * DIFF keeps the learner's log up to fromZxid; TRUNC first drops the learner's entries above fromZxid (txns the
 * leader does not have); SNAP replaces the learner's state with the leader's snapshot taken at fromZxid.
 */
public record SyncPlan(Mode mode, long fromZxid) {
  public enum Mode { DIFF, TRUNC, SNAP }

  /**
   * @param peerLastZxid the learner's last logged zxid (from ACKEPOCH)
   * @param peerAppliedZxid the learner's last applied zxid: a SNAP below it would take its state backwards, so
   *     then the leader sends a long DIFF instead (possible: the learner's applied txns are committed, hence in
   *     the leader's log above its base)
   * @param log the leader's log, whose entries are the history the learner must end with
   * @param snapshotZxid the zxid of the leader's replicated state (a SNAP's starting point; at or above the base)
   * @param commitLogCount the most entries a DIFF may carry
   */
  public static SyncPlan plan(long peerLastZxid, long peerAppliedZxid, ZabLog log, long snapshotZxid,
      int commitLogCount) {
    long base = log.baseZxid();
    long match;
    if (peerLastZxid == base || (peerLastZxid > base && log.contains(peerLastZxid))) {
      match = peerLastZxid;
    } else if (peerLastZxid > base) {
      // The learner logged txns the leader never had (never committed): keep their common prefix only.
      match = log.lastZxidBefore(peerLastZxid);
    } else {
      return new SyncPlan(Mode.SNAP, snapshotZxid);
    }
    if (log.countAfter(match) > commitLogCount && snapshotZxid >= peerAppliedZxid) {
      return new SyncPlan(Mode.SNAP, snapshotZxid);
    }
    return new SyncPlan(match < peerLastZxid ? Mode.TRUNC : Mode.DIFF, match);
  }
}
