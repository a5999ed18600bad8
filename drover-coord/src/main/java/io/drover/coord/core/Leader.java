package io.drover.coord.core;

import io.drover.coord.core.PeerMessage.*;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The LEADING side of Zab (ZooKeeper's Leader plus one LearnerHandler per learner). Discovery: a quorum of
 * FOLLOWERINFO fixes newEpoch = max(acceptedEpoch) + 1, a quorum of ACKEPOCH makes it current. Synchronization:
 * each learner gets DIFF/TRUNC/SNAP plus the leader's entries, then NEWLEADER; a quorum of NEWLEADER ACKs (the
 * leader's own once its log is durable) commits the whole log and starts broadcast. Broadcast: PROPOSAL, ACK, COMMIT
 * strictly in zxid order, INFORM to observers. Failures set {@link #stepDownReason()}; the peer then goes LOOKING.
 */
final class Leader {
  enum Phase { DISCOVERY, EPOCH_ACK, SYNC, BROADCAST }

  private enum Stage { INFO, EPOCH_SENT, EPOCH_ACKED, SYNCED, NEWLEADER_ACKED, UP_TO_DATE }

  private static final class Handler {
    final long id;
    final boolean observer;
    Stage stage = Stage.INFO;
    long lastHeardMs;
    long peerLastZxid;
    long peerAppliedZxid;
    /** The learner's log matches ours up to here once it has ACKed NEWLEADER. */
    long syncedUpTo;

    Handler(long id, boolean observer, long nowMs) {
      this.id = id;
      this.observer = observer;
      this.lastHeardMs = nowMs;
    }

    boolean forwarding() { return stage.compareTo(Stage.SYNCED) >= 0; }

    boolean acked() { return stage.compareTo(Stage.NEWLEADER_ACKED) >= 0; }
  }

  private record Outstanding(byte[] txn, Set<Long> acks) {}

  /**
   * A sync waiting for every proposal up to {@code zxid} to commit; {@code learner} is null for the leader's own.
   * It answers only the connection it came on: a learner that reconnected did not ask.
   */
  private record PendingSync(Handler learner, long token, long zxid) {}

  private final PeerContext ctx;
  private final ZabConfig config;
  private final Map<Long, Handler> handlers = new TreeMap<>();
  private final TreeMap<Long, Outstanding> outstanding = new TreeMap<>();
  private final ArrayDeque<PendingSync> pendingSyncs = new ArrayDeque<>();
  private final Set<Long> epochAcks = new HashSet<>();
  private final Set<Long> newLeaderAcks = new HashSet<>();
  private final long startEpoch;
  private final long startLastZxid;
  private Phase phase = Phase.DISCOVERY;
  private long candidateEpoch;
  private long epoch = -1;
  private long phaseDeadlineMs;
  private long nextPingMs;
  private long selfSyncTarget;
  private boolean selfAcked;
  private long lastCommitted;
  private long lastProposed;
  private long counter;
  private String stepDownReason;

  Leader(PeerContext ctx) {
    this.ctx = ctx;
    this.config = ctx.config;
    this.startEpoch = ctx.epochs.currentEpoch();
    this.startLastZxid = ctx.log.lastZxid();
  }

  void start(long nowMs) {
    candidateEpoch = ctx.epochs.acceptedEpoch() + 1;
    phaseDeadlineMs = nowMs + config.initLimitMs();
    nextPingMs = nowMs + config.tickMs() / 2;
    emitRole();
    maybeFixEpoch(nowMs);
  }

  String stepDownReason() { return stepDownReason; }

  Phase phase() { return phase; }

  long epoch() { return epoch >= 0 ? epoch : ctx.epochs.currentEpoch(); }

  long lastCommitted() { return phase == Phase.BROADCAST ? lastCommitted : ctx.state.lastAppliedZxid(); }

  int learnerCount() { return handlers.size(); }

  int syncedFollowers() { return (int) handlers.values().stream().filter(h -> h.acked() && !h.observer).count(); }

  int syncedObservers() { return (int) handlers.values().stream().filter(h -> h.acked() && h.observer).count(); }

  int pendingProposals() { return outstanding.size(); }

  List<Long> learnerIds() { return List.copyOf(handlers.keySet()); }

  void onMessage(long nowMs, long from, PeerMessage m) {
    if (m instanceof FollowerInfo f) {
      onLearnerInfo(nowMs, from, false, f.acceptedEpoch());
      return;
    }
    if (m instanceof ObserverInfo o) {
      onLearnerInfo(nowMs, from, true, o.acceptedEpoch());
      return;
    }
    Handler h = handlers.get(from);
    if (h == null) return; // stale traffic from a connection we already dropped
    h.lastHeardMs = nowMs;
    switch (m) {
      case AckEpoch a -> onAckEpoch(nowMs, h, a);
      case Ack a -> onAck(nowMs, h, a.zxid());
      case Ping p -> ctx.out.emit(new Effect.LearnerPing(h.id, p.touches()));
      case Request r -> {
        if (phase == Phase.BROADCAST && h.acked()) ctx.out.emit(new Effect.RequestFromLearner(h.id, r.request()));
      }
      case Sync s -> onSync(h, s.token());
      case Notification n -> throw new IllegalArgumentException("notifications are handled by the peer");
      case FollowerInfo f -> throw new AssertionError(f);
      case ObserverInfo o -> throw new AssertionError(o);
      case LeaderInfo l -> protocolError(h, l);
      case Diff d -> protocolError(h, d);
      case Trunc t -> protocolError(h, t);
      case Snap s -> protocolError(h, s);
      case Proposal p -> protocolError(h, p);
      case Commit c -> protocolError(h, c);
      case Inform i -> protocolError(h, i);
      case NewLeader n -> protocolError(h, n);
      case UpToDate u -> protocolError(h, u);
      case SyncReply s -> protocolError(h, s);
    }
  }

  void onDisconnected(long peerId) { handlers.remove(peerId); }

  void onLogSynced(long nowMs) {
    if (phase == Phase.SYNC && !selfAcked && ctx.durableZxid >= selfSyncTarget) {
      // currentEpoch only with a durable log: a leader that crashed with the new epoch but without its volatile
      // txns would win the next election and lose them (ZooKeeper flushes its log before leading).
      ctx.epochs.setCurrentEpoch(epoch);
      selfAcked = true;
      maybeEstablish(nowMs);
    }
    if (phase == Phase.BROADCAST) {
      for (Outstanding o : outstanding.headMap(ctx.durableZxid, true).values()) o.acks().add(config.myId());
      tryCommit();
    }
  }

  void onTick(long nowMs) {
    if (phase != Phase.BROADCAST && nowMs >= phaseDeadlineMs) {
      stepDownReason = "epoch not established within initLimit (phase " + phase + ")";
      return;
    }
    for (var it = handlers.values().iterator(); it.hasNext(); ) {
      Handler h = it.next();
      long limit = h.stage == Stage.UP_TO_DATE ? config.syncLimitMs() : config.initLimitMs();
      if (nowMs - h.lastHeardMs > limit) {
        it.remove();
        ctx.out.emit(new Effect.CloseConnection(h.id));
      }
    }
    if (nowMs >= nextPingMs) {
      nextPingMs = nowMs + Math.max(1, config.tickMs() / 2);
      for (Handler h : handlers.values()) ctx.send(h.id, new Ping(new byte[0]));
    }
    if (phase == Phase.BROADCAST) {
      Set<Long> alive = new HashSet<>();
      alive.add(config.myId());
      for (Handler h : handlers.values()) if (h.acked()) alive.add(h.id);
      if (!config.isQuorum(alive)) stepDownReason = "no quorum of synced followers within syncLimit";
    }
  }

  ProposeResult propose(byte[] txn) {
    if (phase != Phase.BROADCAST) return new ProposeResult.Refused("leader not in broadcast (" + phase + ")");
    if (outstanding.size() >= config.maxOutstandingProposals()) {
      return new ProposeResult.Refused("too many outstanding proposals");
    }
    if (counter >= Zxid.MAX_COUNTER) {
      stepDownReason = "zxid counter rollover in epoch " + epoch;
      return new ProposeResult.Refused(stepDownReason);
    }
    long zxid = Zxid.make(epoch, ++counter);
    ctx.log.append(zxid, txn);
    outstanding.put(zxid, new Outstanding(txn, new HashSet<>()));
    lastProposed = zxid;
    for (Handler h : handlers.values()) if (h.forwarding() && !h.observer) ctx.send(h.id, new Proposal(zxid, txn));
    return new ProposeResult.Accepted(zxid);
  }

  /** The leader's own sync: done once every proposal issued so far has committed. */
  boolean sync(long token) {
    if (phase != Phase.BROADCAST) return false;
    if (lastProposed == lastCommitted) {
      ctx.out.emit(new Effect.SyncDone(token));
    } else if (pendingSyncs.size() < config.maxOutstandingProposals() * 4) {
      pendingSyncs.add(new PendingSync(null, token, lastProposed));
    } else {
      return false;
    }
    return true;
  }

  private void onLearnerInfo(long nowMs, long from, boolean observer, long acceptedEpoch) {
    if (observer == config.isVoter(from)) {
      ctx.out.emit(new Effect.CloseConnection(from)); // a voter claiming to observe, or the reverse
      return;
    }
    Handler h = new Handler(from, observer, nowMs);
    handlers.put(from, h); // a new connection replaces the learner's old one
    if (phase == Phase.DISCOVERY) {
      if (acceptedEpoch >= candidateEpoch) candidateEpoch = acceptedEpoch + 1;
      maybeFixEpoch(nowMs);
    } else {
      h.stage = Stage.EPOCH_SENT;
      ctx.send(from, new LeaderInfo(epoch));
    }
  }

  private void maybeFixEpoch(long nowMs) {
    Set<Long> connecting = new HashSet<>(handlers.keySet());
    connecting.add(config.myId());
    if (phase != Phase.DISCOVERY || !config.isQuorum(connecting)) return;
    epoch = candidateEpoch;
    ctx.epochs.setAcceptedEpoch(epoch);
    phase = Phase.EPOCH_ACK;
    phaseDeadlineMs = nowMs + config.initLimitMs();
    epochAcks.add(config.myId());
    for (Handler h : handlers.values()) {
      h.stage = Stage.EPOCH_SENT;
      ctx.send(h.id, new LeaderInfo(epoch));
    }
    maybeEpochAcked(nowMs);
  }

  private void onAckEpoch(long nowMs, Handler h, AckEpoch a) {
    if (h.stage != Stage.EPOCH_SENT) {
      protocolError(h, a);
      return;
    }
    // Only while the epoch is being established (ZooKeeper's waitForEpochAck): a learner ahead of this leader then
    // means another server should lead. Once a quorum has acked, a late learner that is ahead holds only txns that
    // were never committed, and the sync cuts them (TRUNC); stepping down for it would let an old leader with an
    // uncommitted txn topple every new leader in turn.
    if (phase == Phase.EPOCH_ACK && a.currentEpoch() != -1 && (a.currentEpoch() > startEpoch
        || (a.currentEpoch() == startEpoch && a.lastLoggedZxid() > startLastZxid))) {
      stepDownReason = "learner " + h.id + " is ahead of the leader (epoch " + a.currentEpoch() + ", zxid "
          + Zxid.hex(a.lastLoggedZxid()) + ")";
      return;
    }
    h.stage = Stage.EPOCH_ACKED;
    h.peerLastZxid = a.lastLoggedZxid();
    h.peerAppliedZxid = a.lastAppliedZxid();
    if (phase == Phase.EPOCH_ACK) {
      epochAcks.add(h.id);
      maybeEpochAcked(nowMs);
    } else {
      syncLearner(h);
    }
  }

  private void maybeEpochAcked(long nowMs) {
    if (phase != Phase.EPOCH_ACK || !config.isQuorum(epochAcks)) return;
    phase = Phase.SYNC;
    phaseDeadlineMs = nowMs + config.initLimitMs();
    selfSyncTarget = ctx.log.lastZxid();
    emitRole();
    for (Handler h : handlers.values()) if (h.stage == Stage.EPOCH_ACKED) syncLearner(h);
    onLogSynced(nowMs);
  }

  private void syncLearner(Handler h) {
    SyncPlan plan = SyncPlan.plan(h.peerLastZxid, h.peerAppliedZxid, ctx.log, ctx.state.lastAppliedZxid(),
        config.commitLogCount());
    switch (plan.mode()) {
      case DIFF -> ctx.send(h.id, new Diff(plan.fromZxid()));
      case TRUNC -> ctx.send(h.id, new Trunc(plan.fromZxid()));
      case SNAP -> ctx.send(h.id, new Snap(plan.fromZxid(), ctx.state.snapshot()));
    }
    long committed = lastCommitted();
    long from = plan.fromZxid();
    while (true) {
      List<ZabLog.LogEntry> batch = ctx.log.entriesAfter(from, 1024);
      if (batch.isEmpty()) break;
      for (ZabLog.LogEntry e : batch) {
        ctx.send(h.id, new Proposal(e.zxid(), e.txn()));
        if (e.zxid() <= committed) ctx.send(h.id, new Commit(e.zxid()));
        from = e.zxid();
      }
    }
    h.syncedUpTo = ctx.log.lastZxid();
    h.stage = Stage.SYNCED;
    ctx.send(h.id, new NewLeader(Zxid.make(epoch, 0)));
  }

  private void onAck(long nowMs, Handler h, long zxid) {
    if (zxid == Zxid.make(epoch, 0)) {
      if (h.stage != Stage.SYNCED) return; // duplicate NEWLEADER ACK
      h.stage = Stage.NEWLEADER_ACKED;
      if (h.observer) {
        if (phase == Phase.BROADCAST) upToDate(h);
        return;
      }
      newLeaderAcks.add(h.id);
      // Its NEWLEADER ACK means the learner's log is durable through everything it was synced with.
      for (Outstanding o : outstanding.headMap(h.syncedUpTo, true).values()) o.acks().add(h.id);
      if (phase == Phase.SYNC) {
        maybeEstablish(nowMs);
      } else if (phase == Phase.BROADCAST) {
        upToDate(h);
        tryCommit();
      }
      return;
    }
    if (phase != Phase.BROADCAST || !h.acked() || h.observer) return;
    Outstanding o = outstanding.get(zxid);
    if (o != null) {
      o.acks().add(h.id);
      tryCommit();
    }
  }

  private void maybeEstablish(long nowMs) {
    Set<Long> acks = new HashSet<>(newLeaderAcks);
    if (selfAcked) acks.add(config.myId());
    if (phase != Phase.SYNC || !selfAcked || !config.isQuorum(acks)) return;
    lastCommitted = ctx.log.lastZxid();
    lastProposed = lastCommitted;
    ctx.applyFromLog(lastCommitted);
    counter = 0;
    phase = Phase.BROADCAST;
    nextPingMs = nowMs;
    for (Handler h : handlers.values()) if (h.stage == Stage.NEWLEADER_ACKED) upToDate(h);
    emitRole();
  }

  private void upToDate(Handler h) {
    h.stage = Stage.UP_TO_DATE;
    ctx.send(h.id, new UpToDate(lastCommitted));
  }

  private void tryCommit() {
    while (!outstanding.isEmpty()) {
      var first = outstanding.firstEntry();
      if (!config.isQuorum(first.getValue().acks())) break;
      outstanding.pollFirstEntry();
      long zxid = first.getKey();
      byte[] txn = first.getValue().txn();
      lastCommitted = zxid;
      ctx.apply(zxid, txn);
      for (Handler h : handlers.values()) {
        if (!h.forwarding()) continue;
        ctx.send(h.id, h.observer && zxid > h.syncedUpTo ? new Inform(zxid, txn) : new Commit(zxid));
      }
    }
    while (!pendingSyncs.isEmpty() && pendingSyncs.peekFirst().zxid() <= lastCommitted) {
      PendingSync s = pendingSyncs.pollFirst();
      if (s.learner() == null) {
        ctx.out.emit(new Effect.SyncDone(s.token()));
      } else if (handlers.get(s.learner().id) == s.learner()) {
        ctx.send(s.learner().id, new SyncReply(s.token(), lastCommitted));
      }
    }
  }

  private void onSync(Handler h, long token) {
    if (phase != Phase.BROADCAST || !h.acked()) return;
    if (lastProposed == lastCommitted) {
      ctx.send(h.id, new SyncReply(token, lastCommitted));
    } else if (pendingSyncs.size() < config.maxOutstandingProposals() * 4) {
      pendingSyncs.add(new PendingSync(h, token, lastProposed));
    } else {
      drop(h); // the learner floods us: it reconnects
    }
  }

  private void protocolError(Handler h, PeerMessage m) { drop(h); }

  /** Forgets the learner and closes its connection (it reconnects and syncs again). */
  private void drop(Handler h) {
    handlers.remove(h.id);
    ctx.out.emit(new Effect.CloseConnection(h.id));
  }

  private void emitRole() {
    ctx.out.emit(new Effect.RoleChanged(ServerState.LEADING, epoch(), config.myId(), phase == Phase.BROADCAST));
  }
}
