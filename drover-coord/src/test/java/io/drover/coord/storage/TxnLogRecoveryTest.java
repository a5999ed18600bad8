package io.drover.coord.storage;

import static io.drover.coord.storage.TxnLogTest.appendRange;
import static io.drover.coord.storage.TxnLogTest.payload;
import static io.drover.coord.storage.TxnLogTest.readAll;
import static io.drover.coord.storage.TxnLogTest.rec;
import static io.drover.coord.storage.TxnLogTest.recs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recovery at open: torn and corrupt tails are cut, never applied, and the log continues after them. */
class TxnLogRecoveryTest {
    private static final LogOptions NO_PREALLOC = LogOptions.defaults().withPreAllocBytes(0);

    @TempDir
    Path tmp;

    /** Writes records 1..5 to a fresh dir; returns the bytes of log.1 (no padding). */
    private byte[] fiveRecordFile(Path dir) throws IOException {
        try (TxnLog log = TxnLog.open(dir, NO_PREALLOC)) {
            appendRange(log, 1, 5);
            log.sync();
        }
        return Files.readAllBytes(dir.resolve("log.1"));
    }

    private static List<String> names(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void truncatedTailAtEveryOffsetOfTheLastRecordKeepsExactlyTheValidPrefix() throws IOException {
        byte[] full = fiveRecordFile(tmp.resolve("orig"));
        int lastLen = 17 + payload(5).length;
        int lastStart = full.length - lastLen;
        for (int cut = lastStart; cut < full.length; cut++) {
            Path dir = tmp.resolve("cut-" + cut);
            Files.createDirectories(dir);
            Files.write(dir.resolve("log.1"), Arrays.copyOf(full, cut));
            try (TxnLog log = TxnLog.open(dir, NO_PREALLOC)) {
                assertThat(log.lastZxid()).as("cut at %d", cut).isEqualTo(4);
                assertThat(readAll(log, 0)).as("cut at %d", cut).isEqualTo(recs(1, 4));
                // Cut at the record start, or only zero bytes left (a partial length field of zeros reads as the end).
                byte[] left = Files.readAllBytes(dir.resolve("log.1"));
                assertThat(Arrays.copyOf(left, lastStart)).isEqualTo(Arrays.copyOf(full, lastStart));
                assertThat(Arrays.copyOfRange(left, lastStart, left.length)).as("cut at %d", cut)
                        .isEqualTo(new byte[left.length - lastStart]);
                log.append(5, "again".getBytes());
                log.append(6, payload(6));
                log.sync();
            }
            try (TxnLog log = TxnLog.open(dir, NO_PREALLOC)) {
                List<LogRecord> expected = new ArrayList<>(recs(1, 4));
                expected.add(new LogRecord(5, "again".getBytes()));
                expected.add(rec(6));
                assertThat(readAll(log, 0)).as("cut at %d", cut).isEqualTo(expected);
            }
        }
    }

    @Test
    void tornTailInsidePreallocatedZerosAtEveryOffset() throws IOException {
        // Like a crash in a preallocated file: the end of the last record never reached the disk (zeros).
        byte[] full = fiveRecordFile(tmp.resolve("orig"));
        int lastStart = full.length - (17 + payload(5).length);
        for (int cut = lastStart; cut < full.length; cut++) {
            Path dir = tmp.resolve("zero-" + cut);
            Files.createDirectories(dir);
            byte[] damaged = Arrays.copyOf(Arrays.copyOf(full, cut), full.length + 8192);
            Files.write(dir.resolve("log.1"), damaged);
            try (TxnLog log = TxnLog.open(dir, NO_PREALLOC)) {
                assertThat(log.lastZxid()).as("cut at %d", cut).isEqualTo(4);
                assertThat(readAll(log, 0)).as("cut at %d", cut).isEqualTo(recs(1, 4));
                log.append(5, payload(5));
                log.sync();
            }
            try (TxnLog log = TxnLog.open(dir, NO_PREALLOC)) {
                assertThat(readAll(log, 0)).as("cut at %d", cut).isEqualTo(recs(1, 5));
            }
        }
    }

    @Test
    void flippedBitInTheMiddleCutsThereAndSetsLaterFilesAside() throws IOException {
        Path dir = tmp.resolve("log");
        try (TxnLog log = TxnLog.open(dir, LogOptions.defaults().withPreAllocBytes(4096))) {
            appendRange(log, 1, 5);
            log.roll();
            appendRange(log, 6, 10);
            log.roll();
            appendRange(log, 11, 12);
            log.sync();
        }
        Path first = dir.resolve("log.1");
        long record3 = 16 + (17 + payload(1).length) + (17 + payload(2).length);
        try (RandomAccessFile f = new RandomAccessFile(first.toFile(), "rw")) {
            long at = record3 + 14; // inside record 3's payload
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x10);
        }
        try (TxnLog log = TxnLog.open(dir, NO_PREALLOC)) {
            assertThat(log.lastZxid()).isEqualTo(2);
            assertThat(readAll(log, 0)).isEqualTo(recs(1, 2));
            assertThat(Files.size(first)).isEqualTo(record3);
            assertThat(names(dir)).containsExactly("log.1", "log.6.corrupt", "log.b.corrupt");
            log.append(3, payload(3));
            log.sync();
        }
        try (TxnLog log = TxnLog.open(dir, NO_PREALLOC)) {
            assertThat(readAll(log, 0)).isEqualTo(recs(1, 3));
            assertThat(names(dir)).containsExactly("log.1", "log.3", "log.6.corrupt", "log.b.corrupt");
        }
    }

    @Test
    void badLengthIsCut() throws IOException {
        Path dir = tmp.resolve("log");
        byte[] full = fiveRecordFile(dir);
        int record2 = 16 + 17 + payload(1).length;
        ByteBuffer.wrap(full).putInt(record2, 3); // shorter than a zxid
        Files.write(dir.resolve("log.1"), full);
        try (TxnLog log = TxnLog.open(dir, NO_PREALLOC)) {
            assertThat(readAll(log, 0)).containsExactly(rec(1));
        }
        ByteBuffer.wrap(full).putInt(16, Integer.MAX_VALUE); // absurdly long first record
        Files.write(dir.resolve("log.1"), full);
        try (TxnLog log = TxnLog.open(dir, NO_PREALLOC)) {
            assertThat(log.lastZxid()).isZero();
            assertThat(names(dir)).containsExactly("log.1.corrupt");
        }
    }

    @Test
    void missingEndMarkerIsCut() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("log"));
        Files.write(dir.resolve("log.1"), LogBytes.withHeader()
                .record(1, new byte[] {1})
                .record(2, new byte[] {2})
                .record(3, new byte[] {3}, (byte) 0)
                .record(4, new byte[] {4})
                .bytes());
        try (TxnLog log = TxnLog.open(dir, NO_PREALLOC)) {
            assertThat(readAll(log, 0)).extracting(LogRecord::zxid).containsExactly(1L, 2L);
        }
    }

    @Test
    void nonIncreasingZxidOnDiskIsCutWithinAndAcrossFiles() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("log"));
        Files.write(dir.resolve("log.1"), LogBytes.withHeader()
                .record(1, new byte[] {1}).record(2, new byte[] {2}).record(4, new byte[] {4}).bytes());
        Files.write(dir.resolve("log.3"), LogBytes.withHeader()
                .record(3, new byte[] {3}).record(5, new byte[] {5}).bytes());
        try (TxnLog log = TxnLog.open(dir, NO_PREALLOC)) {
            assertThat(log.lastZxid()).isEqualTo(4);
            assertThat(readAll(log, 0)).extracting(LogRecord::zxid).containsExactly(1L, 2L, 4L);
            assertThat(names(dir)).containsExactly("log.1", "log.3.corrupt");
        }

        Path dir2 = Files.createDirectories(tmp.resolve("log2"));
        Files.write(dir2.resolve("log.1"), LogBytes.withHeader()
                .record(1, new byte[] {1}).record(2, new byte[] {2}).record(2, new byte[] {9}).record(3, new byte[] {3})
                .bytes());
        try (TxnLog log = TxnLog.open(dir2, NO_PREALLOC)) {
            assertThat(readAll(log, 0)).extracting(LogRecord::zxid).containsExactly(1L, 2L);
        }
    }

    @Test
    void firstRecordMustMatchTheFileName() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("log"));
        Files.write(dir.resolve("log.1"), LogBytes.withHeader().record(1, new byte[] {1}).bytes());
        Files.write(dir.resolve("log.5"), LogBytes.withHeader().record(7, new byte[] {7}).bytes());
        try (TxnLog log = TxnLog.open(dir, NO_PREALLOC)) {
            assertThat(log.lastZxid()).isEqualTo(1);
            assertThat(names(dir)).containsExactly("log.1", "log.5.corrupt");
        }
    }

    @Test
    void fileCreatedJustBeforeACrashIsRemovedAndItsNameReused() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("log"));
        Files.write(dir.resolve("log.1"), LogBytes.withHeader().record(1, new byte[] {1}).bytes());
        Files.write(dir.resolve("log.2"), new byte[64 * 1024]); // preallocated, nothing written
        Files.write(dir.resolve("log.9"), new byte[0]);
        try (TxnLog log = TxnLog.open(dir, NO_PREALLOC)) {
            assertThat(log.lastZxid()).isEqualTo(1);
            assertThat(names(dir)).containsExactly("log.1", "log.9.corrupt");
            log.append(2, new byte[] {2});
            log.sync();
        }
        try (TxnLog log = TxnLog.open(dir, NO_PREALLOC)) {
            assertThat(readAll(log, 0)).extracting(LogRecord::zxid).containsExactly(1L, 2L);
        }
    }

    @Test
    void headerOnlyLastFileIsRemoved() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("log"));
        Files.write(dir.resolve("log.1"), LogBytes.withHeader().record(1, new byte[] {1}).bytes());
        Files.write(dir.resolve("log.2"), Arrays.copyOf(LogBytes.withHeader().bytes(), 4096));
        try (TxnLog log = TxnLog.open(dir, NO_PREALLOC)) {
            assertThat(names(dir)).containsExactly("log.1");
            log.append(2, new byte[] {2});
            log.sync();
            assertThat(readAll(log, 0)).extracting(LogRecord::zxid).containsExactly(1L, 2L);
        }
    }

    @Test
    void garbageHeaderIsSetAside() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("log"));
        Files.write(dir.resolve("log.1"), "this is not a log file at all".getBytes());
        try (TxnLog log = TxnLog.open(dir, NO_PREALLOC)) {
            assertThat(log.lastZxid()).isZero();
            assertThat(names(dir)).containsExactly("log.1.corrupt");
            log.append(1, new byte[] {1});
            log.sync();
        }
        try (TxnLog log = TxnLog.open(dir, NO_PREALLOC)) {
            assertThat(readAll(log, 0)).extracting(LogRecord::zxid).containsExactly(1L);
            assertThat(names(dir)).containsExactly("log.1", "log.1.corrupt");
        }
    }

    @Test
    void unknownFormatVersionRefusesToOpenAndTouchesNothing() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("log"));
        byte[] bytes = LogBytes.withHeader().record(1, new byte[] {1}).bytes();
        ByteBuffer.wrap(bytes).putInt(4, 2);
        Files.write(dir.resolve("log.1"), bytes);
        assertThatThrownBy(() -> TxnLog.open(dir, NO_PREALLOC))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("unsupported log format version 2");
        assertThat(Files.readAllBytes(dir.resolve("log.1"))).isEqualTo(bytes);
    }

    @Test
    void readerThrowsWhenAFileIsCorruptedAfterOpen() throws IOException {
        Path dir = tmp.resolve("log");
        try (TxnLog log = TxnLog.open(dir, NO_PREALLOC)) {
            appendRange(log, 1, 5);
            log.sync();
            byte[] bytes = Files.readAllBytes(dir.resolve("log.1"));
            bytes[bytes.length - 3] ^= 1; // last record's checksum
            Files.write(dir.resolve("log.1"), bytes);
            try (LogIterator it = log.readAfter(0)) {
                for (int i = 1; i <= 4; i++) {
                    assertThat(it.next().zxid()).isEqualTo(i);
                }
                assertThatThrownBy(it::hasNext).isInstanceOf(java.io.UncheckedIOException.class)
                        .hasMessageContaining("checksum mismatch");
            }
        }
    }
}
