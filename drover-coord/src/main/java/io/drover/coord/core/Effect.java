package io.drover.coord.core;

/** What a peer asks its driver to do or tells it. All effects of one input are emitted before the input returns. */
public sealed interface Effect {
  /** Send a message: {@link PeerMessage.Notification} on the election channel, everything else on the quorum connection. */
  record Send(long to, PeerMessage message) implements Effect {}

  /** Close the quorum connection with a peer (a learner left its leader, or a leader dropped a learner). */
  record CloseConnection(long peerId) implements Effect {}

  /** State or serving changed. {@code serving} is false whenever the server must not accept client writes. */
  record RoleChanged(ServerState state, long epoch, long leaderId, boolean serving) implements Effect {}

  /** On the leader: a learner forwarded a client request (ZooKeeper's REQUEST packet). */
  record RequestFromLearner(long learnerId, byte[] request) implements Effect {}

  /** On the leader: a learner's PING reply with its session touches. */
  record LearnerPing(long learnerId, byte[] touches) implements Effect {}

  /** A {@code sync(token)} completed: this server has applied every txn proposed before the sync reached the leader. */
  record SyncDone(long token) implements Effect {}

  /** The txn with this zxid was applied to the replicated state here (the leader answers its client now). */
  record Committed(long zxid) implements Effect {}
}
