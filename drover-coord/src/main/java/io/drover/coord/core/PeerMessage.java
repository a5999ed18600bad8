package io.drover.coord.core;

/**
 * Every message two peers exchange. {@link Notification} travels on the election channel (it may be lost,
 * duplicated or reordered); all others travel on the quorum connection between a learner and its leader (FIFO,
 * lost only when the connection breaks). Byte arrays are not copied: senders and receivers must not mutate them.
 */
public sealed interface PeerMessage {
  /** A learner's first message to its leader (FOLLOWERINFO or OBSERVERINFO). */
  static boolean isLearnerInfo(PeerMessage m) { return m instanceof FollowerInfo || m instanceof ObserverInfo; }

  /** FLE notification: the sender's state and current vote (leader, zxid, peerEpoch) in election round electionEpoch. */
  record Notification(ServerState state, long leader, long zxid, long electionEpoch, long peerEpoch)
      implements PeerMessage {}

  /** Learner to leader, first message: a follower and its acceptedEpoch. */
  record FollowerInfo(long acceptedEpoch) implements PeerMessage {}

  /** Learner to leader, first message: an observer and its acceptedEpoch. */
  record ObserverInfo(long acceptedEpoch) implements PeerMessage {}

  /** Leader to learner: the proposed new epoch. */
  record LeaderInfo(long newEpoch) implements PeerMessage {}

  /**
   * Learner to leader: its last logged zxid and currentEpoch (-1 when it had already accepted this epoch), and its
   * last applied zxid (a SNAP must not take its state backwards).
   */
  record AckEpoch(long lastLoggedZxid, long currentEpoch, long lastAppliedZxid) implements PeerMessage {}

  /** Leader to learner: keep the log, proposals follow. */
  record Diff(long zxid) implements PeerMessage {}

  /** Leader to learner: drop log entries above zxid, proposals follow. */
  record Trunc(long zxid) implements PeerMessage {}

  /** Leader to learner: replace state with this snapshot taken at zxid, proposals follow. */
  record Snap(long zxid, byte[] snapshot) implements PeerMessage {}

  record Proposal(long zxid, byte[] txn) implements PeerMessage {}

  /** Follower to leader: the proposal (or NEWLEADER) with this zxid is durable here. */
  record Ack(long zxid) implements PeerMessage {}

  record Commit(long zxid) implements PeerMessage {}

  /** Leader to observer: a committed txn in full. */
  record Inform(long zxid, byte[] txn) implements PeerMessage {}

  /** Leader to learner: end of sync for epoch zxid&gt;&gt;32. */
  record NewLeader(long zxid) implements PeerMessage {}

  /** Leader to learner: the epoch is established; everything up to committedZxid is committed, start serving. */
  record UpToDate(long committedZxid) implements PeerMessage {}

  /** Leader to learner (empty touches) and the learner's reply (its session touches). */
  record Ping(byte[] touches) implements PeerMessage {}

  /** Learner to leader: a forwarded client request. */
  record Request(byte[] request) implements PeerMessage {}

  /** Learner to leader: a client's sync. */
  record Sync(long token) implements PeerMessage {}

  /** Leader to learner: everything proposed before the sync committed, up to committedZxid. */
  record SyncReply(long token, long committedZxid) implements PeerMessage {}
}
