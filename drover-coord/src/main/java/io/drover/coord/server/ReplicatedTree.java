package io.drover.coord.server;

import io.drover.coord.core.ReplicatedState;
import io.drover.coord.core.Zxid;
import io.drover.coord.wire.TxnCodec;

/**
 * coord's data tree and session table as the state Zab replicates. A txn is the {@link TxnCodec} encoding of a
 * prepared write (header + record); applying it does exactly what the standalone loop does (watch deliveries first,
 * then the reply to the local client that sent it). A snapshot is the on-disk snapshot body, in memory. Loop thread
 * only.
 */
final class ReplicatedTree implements ReplicatedState {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ReplicatedTree.class);
  private final CoordLoop loop;

  ReplicatedTree(CoordLoop loop) { this.loop = loop; }

  @Override public long lastAppliedZxid() { return loop.tree.lastProcessedZxid(); }

  @Override public void apply(long zxid, byte[] txn) {
    TxnCodec.Decoded d = TxnCodec.decode(txn);
    if (d.header().zxid() != zxid) {
      throw new IllegalStateException("txn " + Zxid.hex(zxid) + " carries zxid " + Zxid.hex(d.header().zxid()));
    }
    loop.applyCommitted(d.header(), d.txn());
  }

  @Override public byte[] snapshot() { return Snapshotter.encodeState(loop.sessions.timeouts(), loop.tree); }

  @Override public void restore(byte[] snapshot, long zxid) {
    Snapshotter.State s = Snapshotter.decodeState(snapshot, zxid);
    loop.replaceState(s.tree(), s.sessions());
    log.info("state replaced by the leader's snapshot at zxid {} ({} bytes, {} nodes)", Zxid.hex(zxid),
        snapshot.length, s.tree().nodeCount());
  }
}
