package io.drover.coord.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PurgerTest {
    @TempDir
    Path root;
    Path logDir;
    Path snapDir;
    SnapshotStore snaps;

    @BeforeEach
    void setUp() throws IOException {
        DataDir dataDir = new DataDir(root);
        logDir = Files.createDirectories(dataDir.logDir());
        snapDir = dataDir.snapDir();
        snaps = new SnapshotStore(snapDir);
    }

    /** The purger goes by names only for log files, so empty files stand in for them. */
    private void logs(long... firstZxids) throws IOException {
        for (long z : firstZxids) {
            Files.createFile(logDir.resolve(StorageFiles.logName(z)));
        }
    }

    private void snapshots(long... zxids) throws IOException {
        for (long z : zxids) {
            snaps.write(z, out -> out.write(new byte[] {(byte) z}));
        }
    }

    private String[] names(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    @Test
    void keepsNewestSnapshotsAndTheLogsTheyNeed() throws IOException {
        snapshots(0x10, 0x20, 0x30, 0x40, 0x50);
        logs(0x1, 0x15, 0x25, 0x35, 0x45);
        var deleted = Purger.purge(logDir, snapDir, 3);
        assertThat(snaps.zxids()).containsExactly(0x50L, 0x40L, 0x30L);
        // log.25 may hold the txns right after snapshot 0x30.
        assertThat(names(logDir)).containsExactly("log.25", "log.35", "log.45");
        assertThat(deleted).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder("snapshot.10", "snapshot.20", "log.1", "log.15");
    }

    @Test
    void logStartingExactlyAtTheOldestKeptSnapshotIsKeptAndEarlierOnesGo() throws IOException {
        snapshots(0x10, 0x20, 0x30, 0x40);
        logs(0x1, 0x20, 0x31);
        Purger.purge(logDir, snapDir, 3);
        assertThat(snaps.zxids()).containsExactly(0x40L, 0x30L, 0x20L);
        assertThat(names(logDir)).containsExactly("log.20", "log.31");
    }

    @Test
    void allLogsAreKeptWhenNoneStartsBeforeTheOldestKeptSnapshot() throws IOException {
        snapshots(0x10, 0x20, 0x30, 0x40);
        logs(0x25, 0x35);
        Purger.purge(logDir, snapDir, 3);
        assertThat(names(logDir)).containsExactly("log.25", "log.35");
    }

    @Test
    void invalidSnapshotsDoNotCountTowardsRetention() throws IOException {
        snapshots(0x10, 0x20, 0x30, 0x40, 0x50);
        Path newest = snapDir.resolve("snapshot.50");
        byte[] bytes = Files.readAllBytes(newest);
        bytes[16] ^= 1;
        Files.write(newest, bytes);
        logs(0x1, 0x11, 0x21, 0x31);
        Purger.purge(logDir, snapDir, 3);
        // Valid 0x40, 0x30, 0x20 are retained; the invalid newer one is left for inspection.
        assertThat(snaps.zxids()).containsExactly(0x50L, 0x40L, 0x30L, 0x20L);
        assertThat(names(logDir)).containsExactly("log.11", "log.21", "log.31");
    }

    @Test
    void fewerValidSnapshotsThanRetainedDeletesNothing() throws IOException {
        snapshots(0x10, 0x20);
        logs(0x1, 0x15, 0x25);
        assertThat(Purger.purge(logDir, snapDir, 3)).isEmpty();
        assertThat(snaps.zxids()).containsExactly(0x20L, 0x10L);
        assertThat(names(logDir)).containsExactly("log.1", "log.15", "log.25");
    }

    @Test
    void setAsideAndForeignFilesAreNeverTouched() throws IOException {
        snapshots(0x10, 0x20, 0x30, 0x40);
        logs(0x1, 0x35);
        Files.createFile(logDir.resolve("log.2.corrupt"));
        Files.createFile(logDir.resolve("README"));
        Purger.purge(logDir, snapDir, 3);
        assertThat(names(logDir)).containsExactly("README", "log.1", "log.2.corrupt", "log.35");
    }

    @Test
    void retainCountBelowThreeIsRejected() {
        assertThatThrownBy(() -> Purger.purge(logDir, snapDir, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void worksOnARealLog() throws IOException {
        try (TxnLog log = TxnLog.open(logDir, LogOptions.defaults().withPreAllocBytes(0))) {
            for (long z = 1; z <= 40; z++) {
                log.append(z, new byte[] {(byte) z});
                if (z % 10 == 0) {
                    log.roll();
                    snapshots(z);
                }
            }
            log.sync();
            // log.1, log.b, log.15, log.1f; snapshots 0xa, 0x14, 0x1e, 0x28
            Purger.purge(logDir, snapDir, 3);
            // Oldest kept snapshot 0x14: log.b (first zxid 0xb <= 0x14) and later are kept.
            assertThat(names(logDir)).containsExactly("log.15", "log.1f", "log.b");
            assertThat(TxnLogTest.readAll(log, 0x14)).extracting(LogRecord::zxid).startsWith(0x15L).endsWith(40L);
            assertThat(TxnLogTest.readAll(log, 0)).extracting(LogRecord::zxid).startsWith(0xbL).hasSize(30);
        }
    }
}
