package io.drover.coord.core;

import io.drover.coord.core.PeerMessage.Notification;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * FastLeaderElection for one LOOKING round (lookForLeader), as a state machine. The logical clock survives
 * rounds. Notifications go to every voter (observers only get replies); the peer's own vote counts directly.
 * A decision needs a quorum of voters agreeing on the proposal and no better vote within finalizeWait; a peer
 * can also join an established leader once a quorum reports FOLLOWING/LEADING for it and the leader itself
 * reports LEADING (ZooKeeper's outofelection and checkLeader).
 *
 * <p>One departure from ZooKeeper, for a faster failover: finalizeWait is for votes that may still be on their way,
 * so once every other voter has either voted in this round or is known to be unreachable (its election connection
 * is down, reported by the driver; hearing from it again clears that), no better vote can come and the agreeing
 * quorum decides at once. This only changes when a round ends, never what a quorum must agree on: Zab's safety
 * does not rest on the election's timing.
 */
final class Election {
  /** A vote as received, with the round and state it was sent in. */
  private record Received(Vote vote, long electionEpoch, ServerState state) {}

  /** The election ended: follow or lead {@code vote.leader()}; {@code electionEpoch} is the round it ended in. */
  record Decision(Vote vote, long electionEpoch) {}

  private final ZabConfig config;
  private final Outbox out;
  private final Map<Long, Received> recvset = new HashMap<>();
  private final Map<Long, Received> outOfElection = new HashMap<>();
  /** Voters whose election connection is down this round (they cannot be sending a better vote). */
  private final Set<Long> unreachable = new HashSet<>();
  private long logicalClock;
  private Vote initial = Vote.NONE;
  private Vote proposal = Vote.NONE;
  private long notTimeoutMs;
  private long nextResendAtMs;
  private long finalizeAtMs = -1;

  Election(ZabConfig config, Outbox out) {
    this.config = config;
    this.out = out;
  }

  long logicalClock() { return logicalClock; }

  Vote proposal() { return proposal; }

  /** Starts a round: bump the logical clock, propose {@code myVote} (Vote.NONE for an observer), notify voters. */
  void start(long nowMs, Vote myVote) {
    logicalClock++;
    recvset.clear();
    outOfElection.clear();
    unreachable.clear();
    initial = myVote;
    finalizeAtMs = -1;
    notTimeoutMs = config.finalizeWaitMs();
    setProposal(myVote);
    sendNotifications();
    nextResendAtMs = nowMs + notTimeoutMs;
    updateFinalize(nowMs); // a lone voter is its own quorum
  }

  /** A notification from a voter while we are LOOKING; returns a decision or null. */
  Decision onNotification(long nowMs, long from, Notification n) {
    nextResendAtMs = nowMs + notTimeoutMs;
    Vote v = new Vote(n.leader(), n.zxid(), n.peerEpoch());
    switch (n.state()) {
      case LOOKING -> {
        if (!config.isVoter(n.leader())) return null;
        if (n.electionEpoch() > logicalClock) {
          logicalClock = n.electionEpoch();
          recvset.clear();
          finalizeAtMs = -1;
          setProposal(Vote.beats(config, v, initial) ? v : initial);
          sendNotifications();
        } else if (n.electionEpoch() < logicalClock) {
          return null;
        } else if (Vote.beats(config, v, proposal)) {
          setProposal(v);
          sendNotifications();
        }
        recvset.put(from, new Received(v, n.electionEpoch(), n.state()));
        updateFinalize(nowMs);
        return dueDecision(nowMs);
      }
      case FOLLOWING, LEADING -> {
        Received r = new Received(v, n.electionEpoch(), n.state());
        if (n.electionEpoch() == logicalClock) {
          recvset.put(from, r);
          if (agreeing(recvset, v, true) && leaderConfirmed(from, r, n.leader(), n.electionEpoch())) {
            return decide(v, n.electionEpoch());
          }
        }
        outOfElection.put(from, r);
        if (agreeing(outOfElection, v, false) && leaderConfirmed(from, r, n.leader(), n.electionEpoch())) {
          logicalClock = n.electionEpoch();
          return decide(v, n.electionEpoch());
        }
        updateFinalize(nowMs);
        return dueDecision(nowMs);
      }
      case OBSERVING -> { return null; }
    }
    throw new AssertionError(n.state());
  }

  /** The driver found voter {@code id}'s election connection down; a message from it clears this. */
  Decision peerUnreachable(long nowMs, long id) {
    if (id == config.myId() || !config.isVoter(id)) return null;
    unreachable.add(id);
    updateFinalize(nowMs);
    return dueDecision(nowMs);
  }

  /** Any message from {@code id} shows it is reachable again. */
  void heardFrom(long id) { unreachable.remove(id); }

  /** Timers: finalizeWait expiry decides; otherwise resend notifications with backoff (200 ms doubling to the max). */
  Decision onTick(long nowMs) {
    Decision d = dueDecision(nowMs);
    if (d != null) return d;
    if (nowMs >= nextResendAtMs) {
      sendNotifications();
      notTimeoutMs = Math.min(notTimeoutMs * 2, config.maxNotificationIntervalMs());
      nextResendAtMs = nowMs + notTimeoutMs;
    }
    return null;
  }

  /** Our current vote as a notification in the given state (used for replies). */
  Notification asNotification(ServerState state) {
    return new Notification(state, proposal.leader(), proposal.zxid(), logicalClock, proposal.peerEpoch());
  }

  /** Decides when the agreeing quorum's finalize time has come. */
  private Decision dueDecision(long nowMs) {
    if (finalizeAtMs < 0 || nowMs < finalizeAtMs) return null;
    finalizeAtMs = -1;
    return agreeing(recvset, proposal, true) ? decide(proposal, logicalClock) : null;
  }

  private Decision decide(Vote v, long electionEpoch) {
    proposal = v;
    finalizeAtMs = -1;
    return new Decision(v, electionEpoch);
  }

  private void setProposal(Vote v) {
    proposal = v;
    finalizeAtMs = -1;
    if (config.iAmVoter()) recvset.put(config.myId(), new Received(v, logicalClock, ServerState.LOOKING));
  }

  private void updateFinalize(long nowMs) {
    if (!agreeing(recvset, proposal, true)) {
      finalizeAtMs = -1;
    } else if (noVoteCanCome()) {
      finalizeAtMs = nowMs;
    } else if (finalizeAtMs < 0) {
      finalizeAtMs = nowMs + config.finalizeWaitMs();
    }
  }

  /** Every other voter has voted in this round or cannot reach us. */
  private boolean noVoteCanCome() {
    for (long id : config.members().keySet()) {
      if (config.isVoter(id) && id != config.myId() && !recvset.containsKey(id) && !unreachable.contains(id)) {
        return false;
      }
    }
    return true;
  }

  /** A voter quorum of {@code votes} names {@code v}: (leader, zxid, peerEpoch), or only (leader, peerEpoch). */
  private boolean agreeing(Map<Long, Received> votes, Vote v, boolean exact) {
    if (!config.isVoter(v.leader())) return false;
    var ids = votes.entrySet().stream().filter(e -> {
      Vote o = e.getValue().vote();
      return o.leader() == v.leader() && o.peerEpoch() == v.peerEpoch() && (!exact || o.zxid() == v.zxid());
    }).map(Map.Entry::getKey).toList();
    return config.isQuorum(ids);
  }

  /** checkLeader: another leader must itself have reported LEADING; if it is us, the round must be ours. */
  private boolean leaderConfirmed(long from, Received latest, long leader, long electionEpoch) {
    if (leader == config.myId()) return electionEpoch == logicalClock && config.iAmVoter();
    Received l = from == leader ? latest : outOfElection.get(leader);
    if (l == null) l = recvset.get(leader);
    return l != null && l.state() == ServerState.LEADING;
  }

  private void sendNotifications() {
    Notification n = asNotification(ServerState.LOOKING);
    for (long id : config.members().keySet()) {
      if (id != config.myId() && config.isVoter(id)) out.emit(new Effect.Send(id, n));
    }
  }
}
