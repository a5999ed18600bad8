package io.drover.coord.server;

import io.drover.common.random.Rng;
import io.drover.common.time.Clock;
import io.drover.coord.core.Role;
import io.drover.coord.core.ZabConfig;
import io.drover.coord.core.ZabLog;
import io.drover.coord.session.SessionTable;
import io.drover.coord.storage.DataDir;
import io.drover.coord.storage.EpochFiles;
import io.drover.coord.storage.LogIterator;
import io.drover.coord.storage.LogOptions;
import io.drover.coord.storage.LogRecord;
import io.drover.coord.storage.TxnLog;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up of an ensemble member. The tree holds only committed txns, so it is loaded from the newest snapshot
 * (snapshots are only ever taken of the tree) and the log is NOT replayed into it: the log's entries after the
 * snapshot go to the Zab log, and the core applies them once it learns they are committed (a learner at UPTODATE,
 * a leader when its epoch is established).
 */
record EnsembleStart(TxnLog txnLog, CoordLoop loop, PeerTransport transport) {
  private static final Logger log = LoggerFactory.getLogger(EnsembleStart.class);
  /** The Zab log keeps at least this many applied entries in memory (a DIFF may send the last commitLogCount). */
  private static final int WINDOW_ENTRIES = 1_000;
  private static final long WINDOW_BYTES = 64L << 20;

  static EnsembleStart open(CoordConfig config, Ensemble ensemble, DataDir dataDir, Snapshotter snapshotter,
      LogOptions logOptions, Clock clock, ServerStats stats) throws IOException {
    Snapshotter.State state = snapshotter.loadNewest();
    TxnLog txnLog = TxnLog.open(dataDir.logDir(), logOptions);
    try {
      List<ZabLog.LogEntry> entries = new ArrayList<>();
      try (LogIterator records = txnLog.readAfter(state.zxid())) {
        while (records.hasNext()) {
          LogRecord r = records.next();
          entries.add(new ZabLog.LogEntry(r.zxid(), r.payload()));
        }
      }
      log.info("server {}: state at zxid 0x{} from {}; {} logged txns after it wait for the ensemble",
          config.serverId(), Long.toHexString(state.zxid()), state.fromSnapshot() ? "a snapshot" : "nothing (fresh)",
          entries.size());
      SessionTable sessions = Snapshotter.sessionTable(state.sessions(), config.tickTimeMs(), config.serverId(),
          clock.wallMillis(), clock.monoMillis());
      CoordLoop loop = new CoordLoop(config, clock, Rng.fromEntropy(), state.tree(), sessions, state.zxid(), txnLog,
          snapshotter, stats);
      ZabTxnLog zabLog = new ZabTxnLog(loop.syncThread(), () -> loop.tree.lastProcessedZxid(),
          zxid -> snapshotter.take(zxid, loop.sessions.timeouts(), loop.tree), state.zxid(), entries,
          WINDOW_ENTRIES, WINDOW_BYTES);
      EpochFileStore epochs = new EpochFileStore(EpochFiles.open(dataDir.root()));
      Map<Long, Role> members = new LinkedHashMap<>();
      for (Peers.Peer p : ensemble.peers().all()) members.put(p.id(), p.observer() ? Role.OBSERVER : Role.VOTER);
      ZabConfig zab = ZabConfig.of(config.serverId(), members, config.tickTimeMs(), ensemble.initLimitTicks(),
          ensemble.syncLimitTicks(), ensemble.maxOutstandingProposals());
      ZabDriver driver = new ZabDriver(loop, zab, zabLog, epochs, ensemble.readOnlyMode());
      loop.attach(driver);
      loop.post(new LoopEvent.ZabStart()); // queued before any peer message can be
      PeerTransport transport = PeerTransport.start(config.serverId(), ensemble.peers(), config.bindAddress(), driver);
      driver.setTransport(transport);
      return new EnsembleStart(txnLog, loop, transport);
    } catch (IOException | RuntimeException e) {
      txnLog.close();
      throw e;
    }
  }
}
