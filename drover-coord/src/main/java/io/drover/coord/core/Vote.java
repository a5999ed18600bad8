package io.drover.coord.core;

/**
 * A vote for a leader: the candidate's id, last logged zxid and currentEpoch ("peerEpoch"). {@code leader} is -1 for
 * the empty vote an observer starts with.
 */
public record Vote(long leader, long zxid, long peerEpoch) {
  public static final Vote NONE = new Vote(-1, -1, -1);

  /**
   * FLE's totalOrderPredicate: true when {@code candidate} beats {@code current}. A candidate that is not a voter
   * (weight 0) never wins; otherwise the higher (peerEpoch, zxid, id) wins, compared in that order.
   */
  public static boolean beats(ZabConfig config, Vote candidate, Vote current) {
    if (!config.isVoter(candidate.leader())) return false;
    if (candidate.peerEpoch() != current.peerEpoch()) return candidate.peerEpoch() > current.peerEpoch();
    if (candidate.zxid() != current.zxid()) return candidate.zxid() > current.zxid();
    return candidate.leader() > current.leader();
  }
}
