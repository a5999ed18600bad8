package io.drover.coord.core;

import io.drover.coord.core.PeerMessage.*;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The FOLLOWING/OBSERVING side of Zab (ZooKeeper's Learner, Follower, Observer). Discovery: FOLLOWERINFO or
 * OBSERVERINFO, LEADERINFO, ACKEPOCH. Synchronization: DIFF/TRUNC/SNAP, proposals, NEWLEADER (once the log is
 * durable: persist currentEpoch, then ACK), UPTODATE (apply what is committed, start serving).
 * Broadcast: a follower ACKs each proposal once durable; commits and INFORMs are applied in zxid order.
 * Failures set {@link #stepDownReason()}; the peer then goes LOOKING.
 */
final class Learner {
  enum Phase { DISCOVERY, SYNC, NEWLEADER, BROADCAST }

  private final PeerContext ctx;
  private final long leaderId;
  private final boolean observer;
  private Phase phase = Phase.DISCOVERY;
  private long lastHeardMs;
  private long epoch = -1;
  /** Proposals received after NEWLEADER and not applied yet (bounded by the leader's outstanding proposals). */
  private final TreeMap<Long, byte[]> pending = new TreeMap<>();
  /** Proposals received after NEWLEADER and not yet ACKed (a follower ACKs once they are durable). */
  private final TreeSet<Long> unacked = new TreeSet<>();
  /** Syncs sent in this session: token to the zxid to apply before it is done (-1 until the leader replies). */
  private final Map<Long, Long> pendingSyncs = new LinkedHashMap<>();
  private long maxCommitSeen;
  private long newLeaderZxid = -1;
  private long newLeaderSyncTarget;
  private boolean newLeaderAckPending;
  private String stepDownReason;

  Learner(PeerContext ctx, long leaderId) {
    this.ctx = ctx;
    this.leaderId = leaderId;
    this.observer = !ctx.config.iAmVoter();
  }

  void start(long nowMs) {
    lastHeardMs = nowMs;
    long accepted = ctx.epochs.acceptedEpoch();
    ctx.send(leaderId, observer ? new ObserverInfo(accepted) : new FollowerInfo(accepted));
    emitRole();
  }

  long leaderId() { return leaderId; }

  Phase phase() { return phase; }

  boolean serving() { return phase == Phase.BROADCAST; }

  long epoch() { return epoch >= 0 ? epoch : ctx.epochs.currentEpoch(); }

  String stepDownReason() { return stepDownReason; }

  void onMessage(long nowMs, PeerMessage m) {
    lastHeardMs = nowMs;
    switch (m) {
      case LeaderInfo l -> onLeaderInfo(l.newEpoch());
      case Diff d -> expect(Phase.SYNC, d);
      case Trunc t -> {
        if (expect(Phase.SYNC, t)) truncate(t.zxid());
      }
      case Snap s -> {
        if (expect(Phase.SYNC, s)) snap(s);
      }
      case Proposal p -> onProposal(p.zxid(), p.txn());
      case Commit c -> onCommit(c.zxid());
      case Inform i -> {
        if (observer) {
          onProposal(i.zxid(), i.txn());
          onCommit(i.zxid());
        } else {
          fail("INFORM sent to a follower");
        }
      }
      case NewLeader n -> {
        if (expect(Phase.SYNC, n)) onNewLeader(n.zxid());
      }
      case UpToDate u -> {
        if (expect(Phase.NEWLEADER, u)) onUpToDate(u.committedZxid());
      }
      case Ping p -> ctx.send(leaderId, new Ping(ctx.touches.drainTouches()));
      case SyncReply s -> {
        if (pendingSyncs.replace(s.token(), -1L, s.committedZxid())) {
          completeSyncs();
        } else {
          fail("SYNC reply for a token we did not send: " + s.token());
        }
      }
      case Notification n -> throw new IllegalArgumentException("notifications are handled by the peer");
      case FollowerInfo f -> fail("unexpected " + f);
      case ObserverInfo o -> fail("unexpected " + o);
      case AckEpoch a -> fail("unexpected " + a);
      case Ack a -> fail("unexpected " + a);
      case Request r -> fail("unexpected REQUEST");
      case Sync s -> fail("unexpected " + s);
    }
  }

  void onLogSynced() { maybeAck(); }

  void onTick(long nowMs) {
    long limit = phase == Phase.BROADCAST ? ctx.config.syncLimitMs() : ctx.config.initLimitMs();
    if (nowMs - lastHeardMs > limit) fail("leader " + leaderId + " silent for " + (nowMs - lastHeardMs) + " ms");
  }

  boolean forward(byte[] request) {
    if (phase != Phase.BROADCAST) return false;
    ctx.send(leaderId, new Request(request));
    return true;
  }

  boolean sync(long token) {
    if (phase != Phase.BROADCAST || pendingSyncs.size() >= ctx.config.maxOutstandingProposals() * 4
        || pendingSyncs.containsKey(token)) {
      return false;
    }
    pendingSyncs.put(token, -1L);
    ctx.send(leaderId, new Sync(token));
    return true;
  }

  private void onLeaderInfo(long newEpoch) {
    if (phase != Phase.DISCOVERY) {
      fail("LEADERINFO in phase " + phase);
      return;
    }
    long accepted = ctx.epochs.acceptedEpoch();
    long lastZxid = ctx.log.lastZxid();
    if (newEpoch > accepted) {
      ctx.epochs.setAcceptedEpoch(newEpoch);
      ctx.send(leaderId, new AckEpoch(lastZxid, ctx.epochs.currentEpoch(), ctx.state.lastAppliedZxid()));
    } else if (newEpoch == accepted) {
      ctx.send(leaderId, new AckEpoch(lastZxid, -1, ctx.state.lastAppliedZxid()));
    } else {
      fail("leader proposes epoch " + newEpoch + " below our acceptedEpoch " + accepted);
      return;
    }
    epoch = newEpoch;
    phase = Phase.SYNC;
  }

  private void truncate(long zxid) {
    long applied = ctx.state.lastAppliedZxid();
    if (applied > zxid) {
      throw new IllegalStateException("TRUNC to " + Zxid.hex(zxid) + " below applied " + Zxid.hex(applied));
    }
    ctx.log.truncateAfter(zxid);
    ctx.truncated(zxid);
  }

  private void snap(Snap s) {
    long applied = ctx.state.lastAppliedZxid();
    if (applied > s.zxid()) {
      throw new IllegalStateException("SNAP at " + Zxid.hex(s.zxid()) + " below applied " + Zxid.hex(applied));
    }
    ctx.state.restore(s.snapshot(), s.zxid());
    ctx.log.reset(s.zxid());
    ctx.durableZxid = s.zxid();
  }

  private void onProposal(long zxid, byte[] txn) {
    if (phase == Phase.DISCOVERY) {
      fail("PROPOSAL before LEADERINFO");
      return;
    }
    if (zxid <= ctx.log.lastZxid()) {
      fail("PROPOSAL " + Zxid.hex(zxid) + " not after our last " + Zxid.hex(ctx.log.lastZxid()));
      return;
    }
    ctx.log.append(zxid, txn);
    if (phase == Phase.SYNC) return; // covered by the NEWLEADER ACK, applied at UPTODATE
    pending.put(zxid, txn);
    if (pending.size() > ctx.config.maxOutstandingProposals() * 2L) {
      fail("more than " + pending.size() + " uncommitted proposals");
      return;
    }
    if (!observer) {
      unacked.add(zxid);
      maybeAck();
    }
  }

  private void onCommit(long zxid) {
    if (phase != Phase.BROADCAST) {
      maxCommitSeen = Math.max(maxCommitSeen, zxid);
      return;
    }
    if (zxid <= ctx.state.lastAppliedZxid()) return;
    while (!pending.isEmpty() && pending.firstKey() <= zxid) {
      var e = pending.pollFirstEntry();
      ctx.apply(e.getKey(), e.getValue());
    }
    if (ctx.state.lastAppliedZxid() != zxid) {
      fail("COMMIT " + Zxid.hex(zxid) + " for a proposal we do not have");
      return;
    }
    completeSyncs();
  }

  private void onNewLeader(long zxid) {
    if (Zxid.epoch(zxid) != epoch) {
      fail("NEWLEADER for epoch " + Zxid.epoch(zxid) + " in epoch " + epoch);
      return;
    }
    newLeaderZxid = zxid;
    newLeaderSyncTarget = ctx.log.lastZxid();
    newLeaderAckPending = true;
    phase = Phase.NEWLEADER;
    maybeAck();
  }

  private void onUpToDate(long committedZxid) {
    if (newLeaderAckPending) {
      fail("UPTODATE before our NEWLEADER ACK");
      return;
    }
    ctx.applyFromLog(Math.max(committedZxid, maxCommitSeen));
    pending.headMap(ctx.state.lastAppliedZxid(), true).clear();
    phase = Phase.BROADCAST;
    emitRole();
    completeSyncs();
  }

  private void maybeAck() {
    if (phase == Phase.DISCOVERY || phase == Phase.SYNC) return;
    if (newLeaderAckPending) {
      if (ctx.durableZxid < newLeaderSyncTarget) return;
      newLeaderAckPending = false;
      // As ZooKeeper since ZOOKEEPER-3911: currentEpoch only once the synced log is durable, or a crash could
      // leave a server with the new epoch (winning elections) but without the txns it was synced with.
      ctx.epochs.setCurrentEpoch(epoch);
      ctx.send(leaderId, new Ack(newLeaderZxid));
    }
    while (!unacked.isEmpty() && unacked.first() <= ctx.durableZxid) ctx.send(leaderId, new Ack(unacked.pollFirst()));
  }

  private void completeSyncs() {
    long applied = ctx.state.lastAppliedZxid();
    if (phase != Phase.BROADCAST) return;
    for (var it = pendingSyncs.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      if (e.getValue() >= 0 && e.getValue() <= applied) {
        it.remove();
        ctx.out.emit(new Effect.SyncDone(e.getKey()));
      }
    }
  }

  private boolean expect(Phase expected, PeerMessage m) {
    if (phase == expected) return true;
    fail("unexpected " + m.getClass().getSimpleName() + " in phase " + phase);
    return false;
  }

  private void fail(String reason) {
    if (stepDownReason == null) stepDownReason = reason;
  }

  private void emitRole() {
    ServerState s = observer ? ServerState.OBSERVING : ServerState.FOLLOWING;
    ctx.out.emit(new Effect.RoleChanged(s, epoch(), leaderId, phase == Phase.BROADCAST));
  }
}
