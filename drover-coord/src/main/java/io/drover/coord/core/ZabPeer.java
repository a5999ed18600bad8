package io.drover.coord.core;

import io.drover.coord.core.PeerMessage.Notification;

/**
 * One Zab server as a deterministic state machine (ZooKeeper's QuorumPeer with FastLeaderElection, Leader,
 * Follower, Observer and LearnerHandler). It does no I/O and reads no clock: every input carries {@code nowMs},
 * every output is an {@link Effect} emitted synchronously to the {@link Outbox}. Drive it from one thread.
 *
 * <p>Driver contract: call {@link #start} once; deliver messages with {@link #onMessage}; call {@link #onTick} at
 * least every min(tickMs/2, finalizeWaitMs)/2 ms; report log durability with {@link #onLogSynced}; report a broken
 * quorum connection with {@link #onDisconnected} (only the connection currently in use: a learner's new connection
 * supersedes its old one silently); optionally report voters whose election connection is down while LOOKING
 * with {@link #onPeerUnreachable} (a faster election). A {@link Effect.CloseConnection} closes the quorum connection
 * to that peer without reporting it back. Safety violations detected locally (e.g. a TRUNC below applied state) throw
 * {@link IllegalStateException}: the server must stop rather than continue with a diverged state.
 */
public final class ZabPeer {
  private final PeerContext ctx;
  private final ZabConfig config;
  private final Election election;
  private ServerState state = ServerState.LOOKING;
  private boolean started;
  private Leader leader;
  private Learner learner;
  /** The vote this peer ended its last election with, and that election's round. */
  private Vote finalVote = Vote.NONE;
  private long finalElectionEpoch;
  private String lastStepDown;

  public ZabPeer(ZabConfig config, ZabLog log, EpochStore epochs, ReplicatedState state, TouchSource touches,
      Outbox out) {
    this.config = config;
    this.ctx = new PeerContext(config, log, epochs, state, touches, out);
    this.election = new Election(config, out);
  }

  public void start(long nowMs) {
    if (started) throw new IllegalStateException("already started");
    started = true;
    lookForLeader(nowMs);
  }

  public void onMessage(long nowMs, long fromId, PeerMessage message) {
    requireStarted();
    if (!config.members().containsKey(fromId) || fromId == config.myId()) return;
    election.heardFrom(fromId);
    if (message instanceof Notification n) {
      onNotification(nowMs, fromId, n);
      return;
    }
    switch (state) {
      case LEADING -> {
        leader.onMessage(nowMs, fromId, message);
        checkStepDown(nowMs);
      }
      case FOLLOWING, OBSERVING -> {
        if (fromId == learner.leaderId()) {
          learner.onMessage(nowMs, message);
          checkStepDown(nowMs);
        } else if (PeerMessage.isLearnerInfo(message)) {
          ctx.out.emit(new Effect.CloseConnection(fromId));
        }
      }
      case LOOKING -> {
        // Quorum traffic for a leader we are not: refuse the connection, as a closed quorum port would.
        if (PeerMessage.isLearnerInfo(message)) ctx.out.emit(new Effect.CloseConnection(fromId));
      }
    }
  }

  public void onTick(long nowMs) {
    requireStarted();
    switch (state) {
      case LOOKING -> {
        Election.Decision d = election.onTick(nowMs);
        if (d != null) decided(nowMs, d);
      }
      case LEADING -> leader.onTick(nowMs);
      case FOLLOWING, OBSERVING -> learner.onTick(nowMs);
    }
    checkStepDown(nowMs);
  }

  /** The log is durable up to {@code zxid}: followers ACK now, the leader counts its own ACK now. */
  public void onLogSynced(long nowMs, long zxid) {
    requireStarted();
    ctx.logSynced(zxid);
    switch (state) {
      case LEADING -> leader.onLogSynced(nowMs);
      case FOLLOWING, OBSERVING -> learner.onLogSynced();
      case LOOKING -> { }
    }
    checkStepDown(nowMs);
  }

  /** The quorum connection with {@code peerId} broke. */
  public void onDisconnected(long nowMs, long peerId) {
    requireStarted();
    switch (state) {
      case LEADING -> leader.onDisconnected(peerId);
      case FOLLOWING, OBSERVING -> {
        if (peerId == learner.leaderId()) {
          lastStepDown = "quorum connection to leader " + peerId + " broke";
          lookForLeader(nowMs);
        }
      }
      case LOOKING -> { }
    }
  }

  /**
   * While LOOKING: voter {@code peerId}'s election connection is down (or could not be made), so no vote of its can
   * be on the way and the round need not wait finalizeWait for it. Ignored in other states; a message from the peer
   * clears it, and every new round starts without such reports.
   */
  public void onPeerUnreachable(long nowMs, long peerId) {
    requireStarted();
    if (state != ServerState.LOOKING || !config.members().containsKey(peerId)) return;
    Election.Decision d = election.peerUnreachable(nowMs, peerId);
    if (d != null) decided(nowMs, d);
  }

  /** On the leader in broadcast: log and propose a txn. */
  public ProposeResult propose(long nowMs, byte[] txn) {
    if (state != ServerState.LEADING) return new ProposeResult.Refused("not leading (" + state + ")");
    ProposeResult r = leader.propose(txn);
    checkStepDown(nowMs);
    return r;
  }

  /** On a serving learner: send a client request to the leader (it surfaces as RequestFromLearner). */
  public boolean forward(long nowMs, byte[] request) {
    return (state == ServerState.FOLLOWING || state == ServerState.OBSERVING) && learner.forward(request);
  }

  /** A client's sync: {@link Effect.SyncDone} follows once this server applied all that was proposed before. */
  public boolean sync(long nowMs, long token) {
    return switch (state) {
      case LEADING -> leader.sync(token);
      case FOLLOWING, OBSERVING -> learner.sync(token);
      case LOOKING -> false;
    };
  }

  public ServerState state() { return state; }

  /** True when the server may accept client writes (leader in broadcast, or learner after UPTODATE). */
  public boolean serving() {
    return switch (state) {
      case LEADING -> leader.phase() == Leader.Phase.BROADCAST;
      case FOLLOWING, OBSERVING -> learner.serving();
      case LOOKING -> false;
    };
  }

  public long epoch() {
    return switch (state) {
      case LEADING -> leader.epoch();
      case FOLLOWING, OBSERVING -> learner.epoch();
      case LOOKING -> ctx.epochs.currentEpoch();
    };
  }

  /** The leader's id, or -1 while LOOKING. */
  public long leaderId() {
    return switch (state) {
      case LEADING -> config.myId();
      case FOLLOWING, OBSERVING -> learner.leaderId();
      case LOOKING -> -1;
    };
  }

  public long lastZxid() { return ctx.log.lastZxid(); }

  public long lastCommittedZxid() {
    return state == ServerState.LEADING ? leader.lastCommitted() : ctx.state.lastAppliedZxid();
  }

  public int learnerCount() { return state == ServerState.LEADING ? leader.learnerCount() : 0; }

  public int syncedFollowers() { return state == ServerState.LEADING ? leader.syncedFollowers() : 0; }

  public int syncedObservers() { return state == ServerState.LEADING ? leader.syncedObservers() : 0; }

  public int pendingProposals() { return state == ServerState.LEADING ? leader.pendingProposals() : 0; }

  public ZabConfig config() { return config; }

  /** Why this peer last left LEADING/FOLLOWING/OBSERVING on its own (for logs), or null. */
  public String lastStepDownReason() { return lastStepDown; }

  private void onNotification(long nowMs, long from, Notification n) {
    if (!config.isVoter(from)) {
      // Observers learn the voters' views from replies; answering only LOOKING ones avoids a reply loop.
      if (n.state() == ServerState.LOOKING) ctx.send(from, currentVote());
      return;
    }
    if (state != ServerState.LOOKING) {
      if (n.state() == ServerState.LOOKING) ctx.send(from, currentVote());
      return;
    }
    if (n.state() == ServerState.LOOKING && n.electionEpoch() < election.logicalClock() && config.iAmVoter()) {
      ctx.send(from, currentVote()); // an observer has no vote to offer, and would ping-pong with the voter
    }
    Election.Decision d = election.onNotification(nowMs, from, n);
    if (d != null) decided(nowMs, d);
  }

  private Notification currentVote() {
    if (state == ServerState.LOOKING) return election.asNotification(ServerState.LOOKING);
    return new Notification(state, finalVote.leader(), finalVote.zxid(), finalElectionEpoch, finalVote.peerEpoch());
  }

  private void decided(long nowMs, Election.Decision d) {
    finalVote = d.vote();
    finalElectionEpoch = d.electionEpoch();
    if (d.vote().leader() == config.myId()) {
      state = ServerState.LEADING;
      leader = new Leader(ctx);
      leader.start(nowMs);
    } else {
      state = config.iAmVoter() ? ServerState.FOLLOWING : ServerState.OBSERVING;
      learner = new Learner(ctx, d.vote().leader());
      learner.start(nowMs);
    }
    checkStepDown(nowMs);
  }

  private void checkStepDown(long nowMs) {
    switch (state) {
      case LEADING -> {
        if (leader.stepDownReason() != null) {
          for (long id : leader.learnerIds()) ctx.out.emit(new Effect.CloseConnection(id));
          lookForLeader(nowMs);
        }
      }
      case FOLLOWING, OBSERVING -> {
        if (learner.stepDownReason() != null) {
          ctx.out.emit(new Effect.CloseConnection(learner.leaderId()));
          lookForLeader(nowMs);
        }
      }
      case LOOKING -> { }
    }
  }

  private void lookForLeader(long nowMs) {
    if (leader != null && leader.stepDownReason() != null) lastStepDown = leader.stepDownReason();
    if (learner != null && learner.stepDownReason() != null) lastStepDown = learner.stepDownReason();
    leader = null;
    learner = null;
    state = ServerState.LOOKING;
    ctx.out.emit(new Effect.RoleChanged(ServerState.LOOKING, ctx.epochs.currentEpoch(), -1, false));
    Vote mine = config.iAmVoter()
        ? new Vote(config.myId(), ctx.log.lastZxid(), ctx.epochs.currentEpoch()) : Vote.NONE;
    election.start(nowMs, mine);
  }


  private void requireStarted() {
    if (!started) throw new IllegalStateException("start the peer first");
  }
}
