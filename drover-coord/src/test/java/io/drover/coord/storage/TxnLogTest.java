package io.drover.coord.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TxnLogTest {
    private static final LogOptions NO_PREALLOC = LogOptions.defaults().withPreAllocBytes(0);

    @TempDir
    Path dir;

    static byte[] payload(long zxid) {
        return ("txn-" + zxid + "-" + "x".repeat((int) (zxid % 50))).getBytes(StandardCharsets.UTF_8);
    }

    static LogRecord rec(long zxid) {
        return new LogRecord(zxid, payload(zxid));
    }

    static List<LogRecord> recs(long fromZxid, long toZxid) {
        return LongStream.rangeClosed(fromZxid, toZxid).mapToObj(TxnLogTest::rec).toList();
    }

    static List<LogRecord> readAll(TxnLog log, long afterZxid) throws IOException {
        List<LogRecord> out = new ArrayList<>();
        try (LogIterator it = log.readAfter(afterZxid)) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    static void appendRange(TxnLog log, long fromZxid, long toZxid) throws IOException {
        for (long z = fromZxid; z <= toZxid; z++) {
            log.append(z, payload(z));
        }
    }

    private List<String> fileNames() throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void appendSyncReopenAndReadAfter() throws IOException {
        try (TxnLog log = TxnLog.open(dir, LogOptions.defaults())) {
            assertThat(log.lastZxid()).isZero();
            assertThat(readAll(log, 0)).isEmpty();
            appendRange(log, 1, 100);
            log.sync();
            assertThat(log.lastZxid()).isEqualTo(100);
        }
        try (TxnLog log = TxnLog.open(dir, LogOptions.defaults())) {
            assertThat(log.lastZxid()).isEqualTo(100);
            assertThat(readAll(log, 0)).isEqualTo(recs(1, 100));
            assertThat(readAll(log, 50)).isEqualTo(recs(51, 100));
            assertThat(readAll(log, 100)).isEmpty();
            log.append(101, payload(101));
            // Appended but unsynced records are visible to readers.
            assertThat(readAll(log, 99)).isEqualTo(recs(100, 101));
            log.sync();
        }
        try (TxnLog log = TxnLog.open(dir, LogOptions.defaults())) {
            assertThat(log.lastZxid()).isEqualTo(101);
            assertThat(readAll(log, 0)).isEqualTo(recs(1, 101));
        }
        // Each open starts a fresh file at its first append.
        assertThat(fileNames()).containsExactly("log.1", "log.65");
    }

    @Test
    void nonIncreasingZxidIsRejected() throws IOException {
        try (TxnLog log = TxnLog.open(dir, LogOptions.defaults())) {
            log.append(5, payload(5));
            assertThatThrownBy(() -> log.append(5, payload(5))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> log.append(4, payload(4))).isInstanceOf(IllegalArgumentException.class);
            assertThat(log.lastZxid()).isEqualTo(5);
            log.append(7, payload(7));
        }
        try (TxnLog log = TxnLog.open(dir, LogOptions.defaults())) {
            assertThatThrownBy(() -> log.append(7, payload(7))).isInstanceOf(IllegalArgumentException.class);
            assertThat(readAll(log, 0)).containsExactly(rec(5), rec(7));
        }
    }

    @Test
    void zxidZeroIsRejectedOnAnEmptyLog() throws IOException {
        try (TxnLog log = TxnLog.open(dir, LogOptions.defaults())) {
            assertThatThrownBy(() -> log.append(0, new byte[1])).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void rollStartsNewFilesAndReadingCrossesThem() throws IOException {
        try (TxnLog log = TxnLog.open(dir, LogOptions.defaults())) {
            appendRange(log, 1, 10);
            log.roll();
            appendRange(log, 11, 20);
            log.roll();
            log.roll(); // no file open: a no-op
            appendRange(log, 21, 30);
            // Nothing synced yet, still all readable.
            assertThat(readAll(log, 0)).isEqualTo(recs(1, 30));
            log.sync();
        }
        assertThat(fileNames()).containsExactly("log.1", "log.15", "log.b");
        try (TxnLog log = TxnLog.open(dir, LogOptions.defaults())) {
            assertThat(log.lastZxid()).isEqualTo(30);
            assertThat(readAll(log, 0)).isEqualTo(recs(1, 30));
            assertThat(readAll(log, 10)).isEqualTo(recs(11, 30));
            assertThat(readAll(log, 15)).isEqualTo(recs(16, 30));
            assertThat(readAll(log, 29)).isEqualTo(recs(30, 30));
        }
    }

    @Test
    void rollsAutomaticallyPastRollAfterBytes() throws IOException {
        LogOptions opts = new LogOptions(0, true, 1000);
        try (TxnLog log = TxnLog.open(dir, opts)) {
            for (long z = 1; z <= 40; z++) {
                log.append(z, new byte[100]);
                if (z % 7 == 0) {
                    log.sync();
                }
            }
            log.sync();
        }
        List<StorageFiles.Named> files = StorageFiles.list(dir, StorageFiles.LOG_PREFIX);
        // 117 bytes per record: a file takes records until it holds >= 1000 bytes, i.e. 9 of them.
        assertThat(files).extracting(StorageFiles.Named::zxid).containsExactly(1L, 10L, 19L, 28L, 37L);
        for (StorageFiles.Named f : files) {
            assertThat(Files.size(f.path())).isLessThanOrEqualTo(1000 + 117);
        }
        try (TxnLog log = TxnLog.open(dir, opts)) {
            assertThat(readAll(log, 0)).extracting(LogRecord::zxid).containsExactlyElementsOf(
                    LongStream.rangeClosed(1, 40).boxed().toList());
        }
    }

    @Test
    void preallocationGrowsInStepsAndPaddingIsIgnored() throws IOException {
        long step = 64 * 1024;
        LogOptions opts = LogOptions.defaults().withPreAllocBytes(step);
        Path file = dir.resolve("log.1");
        List<Long> sizes = new ArrayList<>();
        long logicalBytes = 16;
        try (TxnLog log = TxnLog.open(dir, opts)) {
            for (long z = 1; z <= 300; z++) {
                byte[] p = new byte[1100];
                p[0] = (byte) z;
                log.append(z, p);
                logicalBytes += 17 + 1100;
                if (z % 10 == 0) {
                    log.sync();
                    long size = Files.size(file);
                    sizes.add(size);
                    assertThat(size % step).isZero();
                    assertThat(size).isGreaterThanOrEqualTo(logicalBytes + 4096);
                }
            }
        }
        assertThat(sizes).isSorted();
        assertThat(sizes.getFirst()).isEqualTo(step);
        assertThat(sizes.getLast()).isGreaterThan(step * 4);
        try (TxnLog log = TxnLog.open(dir, opts)) {
            assertThat(log.lastZxid()).isEqualTo(300);
            List<LogRecord> all = readAll(log, 0);
            assertThat(all).hasSize(300);
            assertThat(all.get(299).payload()[0]).isEqualTo((byte) 300);
        }
        // The padding survived reopening untouched: nothing was cut.
        assertThat(Files.size(file)).isEqualTo(sizes.getLast());
    }

    @Test
    void withoutPreallocationTheFileHoldsExactlyTheRecords() throws IOException {
        try (TxnLog log = TxnLog.open(dir, NO_PREALLOC)) {
            log.append(1, new byte[10]);
            log.append(2, new byte[0]);
            log.sync();
        }
        assertThat(Files.size(dir.resolve("log.1"))).isEqualTo(16 + 27 + 17);
        try (TxnLog log = TxnLog.open(dir, NO_PREALLOC)) {
            assertThat(readAll(log, 0)).containsExactly(new LogRecord(1, new byte[10]), new LogRecord(2, new byte[0]));
        }
    }

    @Test
    void recordLargerThanTheWriteBufferRoundTrips() throws IOException {
        byte[] big = new byte[3 * 1024 * 1024 + 7];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        try (TxnLog log = TxnLog.open(dir, LogOptions.defaults().withPreAllocBytes(1024 * 1024))) {
            log.append(1, payload(1));
            log.append(2, big);
            log.append(3, payload(3));
            log.sync();
        }
        try (TxnLog log = TxnLog.open(dir, LogOptions.defaults())) {
            assertThat(readAll(log, 0)).containsExactly(rec(1), new LogRecord(2, big), rec(3));
        }
    }

    @Test
    void forceSyncOffStillWritesOnSync() throws IOException {
        try (TxnLog log = TxnLog.open(dir, NO_PREALLOC.withForceSync(false))) {
            log.append(1, new byte[3]);
            log.append(2, new byte[3]);
            assertThat(Files.size(dir.resolve("log.1"))).isZero(); // still buffered
            log.sync();
            assertThat(Files.size(dir.resolve("log.1"))).isEqualTo(16 + 2 * 20);
        }
    }

    @Test
    void closedLogRefusesUse() throws IOException {
        TxnLog log = TxnLog.open(dir, LogOptions.defaults());
        log.append(1, payload(1));
        log.close();
        log.close(); // idempotent
        assertThatThrownBy(() -> log.append(2, payload(2))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(log::sync).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> log.readAfter(0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void truncateAfterCutsMidFileDeletesLaterFilesAndSurvivesReopen() throws IOException {
        try (TxnLog log = TxnLog.open(dir, LogOptions.defaults())) {
            appendRange(log, 1, 30);
            log.roll();
            appendRange(log, 31, 60);
            log.roll();
            appendRange(log, 61, 90); // unsynced: the truncate writes it out first, then cuts it away
            assertThat(log.truncateAfter(45)).isEqualTo(45);
            assertThat(log.lastZxid()).isEqualTo(45);
            assertThat(readAll(log, 0)).containsExactlyElementsOf(recs(1, 45));
            assertThat(fileNames()).containsExactly(StorageFiles.logName(1), StorageFiles.logName(31));
            appendRange(log, 46, 50); // appends go on after the cut, in a new file
            log.sync();
        }
        try (TxnLog log = TxnLog.open(dir, LogOptions.defaults())) {
            assertThat(log.lastZxid()).isEqualTo(50);
            assertThat(readAll(log, 0)).containsExactlyElementsOf(recs(1, 50));
        }
    }

    @Test
    void truncateAfterKeepsTheGreatestZxidBelowAndHandlesTheEnds() throws IOException {
        try (TxnLog log = TxnLog.open(dir, NO_PREALLOC)) {
            for (long z : new long[] {10, 20, 30}) log.append(z, payload(z));
            log.sync();
            assertThat(log.truncateAfter(1000)).isEqualTo(30); // nothing beyond: nothing cut
            assertThat(readAll(log, 0)).containsExactly(rec(10), rec(20), rec(30));
            assertThat(log.truncateAfter(25)).isEqualTo(20); // 25 was never logged: keep up to 20
            assertThat(readAll(log, 0)).containsExactly(rec(10), rec(20));
            assertThat(log.truncateAfter(0)).isZero();
            assertThat(readAll(log, 0)).isEmpty();
            assertThat(fileNames()).isEmpty();
            log.append(5, payload(5));
            log.sync();
            assertThat(readAll(log, 0)).containsExactly(rec(5));
        }
    }
}
