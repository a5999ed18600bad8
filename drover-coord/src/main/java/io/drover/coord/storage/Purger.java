package io.drover.coord.storage;

import io.drover.coord.storage.StorageFiles.Named;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes snapshots and log files no longer needed for recovery (ZooKeeper's {@code PurgeTxnLog}).
 *
 * <p>Recovery loads the newest valid snapshot and replays the log after its zxid, so a kept snapshot
 * must be <em>valid</em>: the purger keeps the newest {@code retainCount} snapshots that pass the full
 * check of {@link SnapshotStore} plus every snapshot newer than the oldest of them (an invalid newer
 * one is left for inspection). If fewer than {@code retainCount} valid snapshots exist, it deletes
 * nothing. Of the log files it keeps the one whose first zxid is the largest not above the oldest kept
 * snapshot's zxid (it may hold the txns right after that snapshot) and all later ones. Set-aside
 * {@code *.corrupt} files and foreign files are never touched.
 *
 * <p>Safe to run while a {@link TxnLog} appends: it only deletes files older than the one a retained
 * snapshot needs, never the file being written.
 */
public final class Purger {
    private static final Logger LOG = LoggerFactory.getLogger(Purger.class);
    public static final int MIN_RETAIN_COUNT = 3;

    private Purger() {}

    /** Deletes what is no longer needed as described above and returns the deleted paths. */
    public static List<Path> purge(Path logDir, Path snapDir, int retainCount) throws IOException {
        if (retainCount < MIN_RETAIN_COUNT) {
            throw new IllegalArgumentException("retainCount must be >= " + MIN_RETAIN_COUNT + ", got " + retainCount);
        }
        List<Named> snaps = StorageFiles.list(snapDir, StorageFiles.SNAPSHOT_PREFIX);
        int validSeen = 0;
        int oldestKept = -1; // index into snaps (oldest first)
        for (int i = snaps.size() - 1; i >= 0 && validSeen < retainCount; i--) {
            if (SnapshotStore.check(snaps.get(i), false) instanceof SnapshotStore.Checked.Valid) {
                validSeen++;
                oldestKept = i;
            }
        }
        if (validSeen < retainCount) {
            LOG.info("Purge: only {} valid snapshots in {} (retaining {}); nothing deleted", validSeen, snapDir, retainCount);
            return List.of();
        }
        long keepFromZxid = snaps.get(oldestKept).zxid();
        List<Path> deleted = new ArrayList<>();
        for (Named s : snaps.subList(0, oldestKept)) {
            delete(s.path(), deleted);
        }
        int deletedSnapshots = deleted.size();
        List<Named> logs = StorageFiles.list(logDir, StorageFiles.LOG_PREFIX);
        int firstKeptLog = 0;
        for (int i = 0; i < logs.size(); i++) {
            if (logs.get(i).zxid() <= keepFromZxid) {
                firstKeptLog = i;
            }
        }
        for (Named l : logs.subList(0, firstKeptLog)) {
            delete(l.path(), deleted);
        }
        if (deletedSnapshots > 0) {
            StorageFiles.fsyncDirectory(snapDir);
        }
        if (deleted.size() > deletedSnapshots) {
            StorageFiles.fsyncDirectory(logDir);
        }
        LOG.info("Purge: kept snapshots from zxid 0x{} on; deleted {} files", Long.toHexString(keepFromZxid), deleted.size());
        return deleted;
    }

    private static void delete(Path p, List<Path> deleted) throws IOException {
        try {
            Files.delete(p);
            deleted.add(p);
        } catch (NoSuchFileException gone) {
            LOG.debug("Purge: {} already gone", p);
        }
    }
}
