package io.drover.coord.core;

import java.util.List;

/** What the leader and learner roles share: config, storage, the outbox and how far the log is durable. */
final class PeerContext {
  final ZabConfig config;
  final ZabLog log;
  final EpochStore epochs;
  final ReplicatedState state;
  final TouchSource touches;
  final Outbox out;
  /** The log is durable up to here (entries present at construction count as durable). */
  long durableZxid;

  PeerContext(ZabConfig config, ZabLog log, EpochStore epochs, ReplicatedState state, TouchSource touches,
      Outbox out) {
    this.config = config;
    this.log = log;
    this.epochs = epochs;
    this.state = state;
    this.touches = touches;
    this.out = out;
    this.durableZxid = log.lastZxid();
  }

  void send(long to, PeerMessage m) { out.emit(new Effect.Send(to, m)); }

  void logSynced(long zxid) { durableZxid = Math.max(durableZxid, Math.min(zxid, log.lastZxid())); }

  void truncated(long zxid) { durableZxid = Math.min(durableZxid, zxid); }

  void apply(long zxid, byte[] txn) {
    long last = state.lastAppliedZxid();
    if (zxid <= last) throw new IllegalStateException("apply " + Zxid.hex(zxid) + " after " + Zxid.hex(last));
    state.apply(zxid, txn);
    out.emit(new Effect.Committed(zxid));
  }

  /** Applies the log's entries after the state's last applied zxid, up to {@code target} (all committed). */
  void applyFromLog(long target) {
    while (state.lastAppliedZxid() < target) {
      List<ZabLog.LogEntry> batch = log.entriesAfter(state.lastAppliedZxid(), 1024);
      if (batch.isEmpty()) {
        throw new IllegalStateException("log ends at " + Zxid.hex(log.lastZxid()) + ", cannot apply up to "
            + Zxid.hex(target));
      }
      for (ZabLog.LogEntry e : batch) {
        if (e.zxid() > target) return;
        apply(e.zxid(), e.txn());
      }
    }
  }
}
