package io.drover.coord.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.coord.core.ZabLog;
import io.drover.coord.storage.LogIterator;
import io.drover.coord.storage.LogOptions;
import io.drover.coord.storage.TxnLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Zab log over the txn log: group-committed appends, a bounded window that keeps unapplied entries, truncation. */
class ZabTxnLogTest {
  @TempDir Path tmp;
  private TxnLog txnLog;
  private SyncThread sync;
  private Thread syncThread;
  private final LinkedBlockingQueue<LoopEvent> events = new LinkedBlockingQueue<>();
  private final AtomicLong applied = new AtomicLong();
  private final List<Long> snapshots = new ArrayList<>();

  @BeforeEach void open() throws Exception {
    txnLog = TxnLog.open(tmp, new LogOptions(1 << 20, false, 1 << 20));
    sync = new SyncThread(txnLog, events::add);
    syncThread = new Thread(sync, "test-sync");
    syncThread.start();
  }

  @AfterEach void close() throws Exception {
    sync.stop();
    syncThread.join(10_000);
    txnLog.close();
  }

  private ZabTxnLog log(int maxEntries) {
    return new ZabTxnLog(sync, applied::get, snapshots::add, 0, List.of(), maxEntries, 1 << 20);
  }

  private static byte[] txn(long zxid) { return ("txn " + zxid).getBytes(); }

  private List<Long> onDisk() throws Exception {
    List<Long> out = new ArrayList<>();
    try (LogIterator it = txnLog.readAfter(0)) {
      while (it.hasNext()) out.add(it.next().zxid());
    }
    return out;
  }

  @Test void appendsAreReportedDurableWithTheirGeneration() {
    ZabTxnLog log = log(100);
    for (long z = 1; z <= 5; z++) log.append(z, txn(z));
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> events.stream()
        .anyMatch(e -> e instanceof LoopEvent.LogSynced s && s.zxid() == 5 && s.generation() == 0));
    assertThat(log.lastZxid()).isEqualTo(5);
    assertThat(log.entriesAfter(2, 2)).extracting(ZabLog.LogEntry::zxid).containsExactly(3L, 4L);
    assertThat(log.countAfter(1)).isEqualTo(4);
    assertThat(log.lastZxidBefore(3)).isEqualTo(2);
    assertThat(log.contains(6)).isFalse();
  }

  @Test void theWindowOnlyDropsAppliedEntries() {
    ZabTxnLog log = log(3);
    for (long z = 1; z <= 6; z++) log.append(z, txn(z));
    assertThat(log.baseZxid()).as("nothing applied: everything stays").isZero();
    assertThat(log.windowSize()).isEqualTo(6);
    applied.set(4);
    log.append(7, txn(7));
    assertThat(log.baseZxid()).isEqualTo(4);
    assertThat(log.entriesAfter(0, 10)).extracting(ZabLog.LogEntry::zxid).containsExactly(5L, 6L, 7L);
    assertThat(log.lastZxidBefore(5)).isEqualTo(4);
  }

  @Test void truncationIsDurableAndStartsANewGeneration() throws Exception {
    ZabTxnLog log = log(100);
    for (long z = 1; z <= 5; z++) log.append(z, txn(z));
    log.truncateAfter(3);
    assertThat(log.generation()).isEqualTo(1);
    assertThat(log.lastZxid()).isEqualTo(3);
    assertThat(onDisk()).containsExactly(1L, 2L, 3L);
    log.append(4, txn(40));
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> events.stream()
        .anyMatch(e -> e instanceof LoopEvent.LogSynced s && s.zxid() == 4 && s.generation() == 1));
  }

  @Test void resetSnapshotsThenEmptiesTheLog() throws Exception {
    ZabTxnLog log = log(100);
    for (long z = 1; z <= 5; z++) log.append(z, txn(z));
    log.reset(9);
    assertThat(snapshots).containsExactly(9L);
    assertThat(log.baseZxid()).isEqualTo(9);
    assertThat(log.lastZxid()).isEqualTo(9);
    assertThat(onDisk()).isEmpty();
    log.append(10, txn(10));
    assertThat(log.entriesAfter(9, 5)).extracting(ZabLog.LogEntry::zxid).containsExactly(10L);
  }
}
