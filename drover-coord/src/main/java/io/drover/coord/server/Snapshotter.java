package io.drover.coord.server;

import io.drover.coord.session.SessionTable;
import io.drover.coord.storage.DataDir;
import io.drover.coord.storage.LogOptions;
import io.drover.coord.storage.LogIterator;
import io.drover.coord.storage.Purger;
import io.drover.coord.storage.Snapshot;
import io.drover.coord.storage.SnapshotStore;
import io.drover.coord.storage.TxnLog;
import io.drover.coord.tree.DataTree;
import io.drover.coord.wire.JuteInput;
import io.drover.coord.wire.JuteOutput;
import io.drover.coord.wire.Txn;
import io.drover.coord.wire.TxnCodec;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshots and recovery. A snapshot is fuzzy, as in ZooKeeper: it is written by a background thread while
 * the loop keeps applying txns, and is named after the last zxid applied when it began. Recovery loads the
 * newest valid snapshot and replays every logged txn after that zxid; replay is idempotent, so txns the
 * snapshot already partly holds do no harm. After each snapshot, old snapshots and logs are purged.
 */
final class Snapshotter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Snapshotter.class);

  private final DataDir dataDir;
  private final SnapshotStore store;
  private final int retainCount;
  private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "coord-snapshot");
    t.setDaemon(true);
    return t;
  });

  /** What recovery rebuilt. */
  record Recovered(DataTree tree, Map<Long, Integer> sessions, TxnLog txnLog, long lastZxid, int replayed, boolean fromSnapshot) {}

  Snapshotter(DataDir dataDir, int retainCount) throws IOException {
    this.dataDir = dataDir;
    this.store = new SnapshotStore(dataDir.snapDir());
    this.retainCount = retainCount;
  }

  /** A state as a snapshot holds it: the tree (its lastProcessedZxid set to the snapshot's zxid) and the sessions. */
  record State(DataTree tree, Map<Long, Integer> sessions, long zxid, boolean fromSnapshot) {}

  /** The newest valid snapshot, or the empty state at zxid 0. Does not touch the log. */
  State loadNewest() throws IOException {
    Optional<Snapshot> snapshot = store.newestValid();
    if (snapshot.isEmpty()) return new State(new DataTree(), new HashMap<>(), 0, false);
    return decodeState(snapshot.get().body(), snapshot.get().zxid());
  }

  /** The snapshot body format: session count, (id, timeout) pairs, then the serialized tree. */
  static byte[] encodeState(Map<Long, Integer> sessions, DataTree tree) {
    JuteOutput body = new JuteOutput(1 << 16);
    body.writeInt(sessions.size());
    sessions.forEach((id, timeout) -> body.writeLong(id).writeInt(timeout));
    tree.serialize(body);
    return body.toByteArray();
  }

  static State decodeState(byte[] body, long zxid) {
    Map<Long, Integer> sessions = new HashMap<>();
    JuteInput in = new JuteInput(body);
    int count = in.readInt();
    for (int i = 0; i < count; i++) sessions.put(in.readLong(), in.readInt());
    DataTree tree = DataTree.deserialize(in);
    tree.setLastProcessedZxid(zxid);
    return new State(tree, sessions, zxid, true);
  }

  Recovered recover(LogOptions logOptions) throws IOException {
    State loaded = loadNewest();
    DataTree tree = loaded.tree();
    Map<Long, Integer> sessions = loaded.sessions();
    long snapZxid = loaded.zxid();
    TxnLog txnLog = TxnLog.open(dataDir.logDir(), logOptions);
    int replayed = 0;
    try (LogIterator records = txnLog.readAfter(snapZxid)) {
      while (records.hasNext()) {
        TxnCodec.Decoded d = TxnCodec.decode(records.next().payload());
        tree.apply(d.header(), d.txn());
        switch (d.txn()) {
          case Txn.CreateSession c -> sessions.put(d.header().clientId(), c.timeOut());
          case Txn.CloseSession c -> sessions.remove(d.header().clientId());
          default -> { }
        }
        replayed++;
      }
    }
    long lastZxid = Math.max(tree.lastProcessedZxid(), txnLog.lastZxid());
    log.info("recovered to zxid 0x{} from {} and {} logged txns; {} nodes, {} sessions",
        Long.toHexString(lastZxid), loaded.fromSnapshot() ? "snapshot 0x" + Long.toHexString(snapZxid) : "no snapshot",
        replayed, tree.nodeCount(), sessions.size());
    return new Recovered(tree, sessions, txnLog, lastZxid, replayed, loaded.fromSnapshot());
  }

  /** Writes a snapshot now, on the calling thread (at start-up, when nothing else runs). */
  void take(long zxid, Map<Long, Integer> sessions, DataTree tree) throws IOException {
    store.write(zxid, out -> out.write(encodeState(sessions, tree)));
    var deleted = Purger.purge(dataDir.logDir(), dataDir.snapDir(), retainCount);
    if (!deleted.isEmpty()) log.info("purged {} old snapshot and log files", deleted.size());
  }

  /** Writes a fuzzy snapshot on the snapshot thread; {@code done} gets null or the failure. */
  void takeAsync(long zxid, Map<Long, Integer> sessions, DataTree tree, Consumer<Exception> done) {
    executor.execute(() -> {
      try {
        take(zxid, sessions, tree);
        log.info("snapshot 0x{} written", Long.toHexString(zxid));
        done.accept(null);
      } catch (IOException | RuntimeException e) {
        log.error("snapshot 0x{} failed; the log still holds every txn", Long.toHexString(zxid), e);
        done.accept(e);
      }
    });
  }

  static SessionTable sessionTable(Map<Long, Integer> sessions, int tickMs, long serverId, long wallMs, long monoMs) {
    SessionTable table = new SessionTable(tickMs, serverId, wallMs);
    sessions.forEach((id, timeout) -> table.add(id, timeout, monoMs));
    return table;
  }

  @Override public void close() { executor.shutdownNow(); }
}
