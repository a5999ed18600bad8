package io.drover.coord.storage;

import io.drover.coord.storage.LogFileReader.Corrupt;
import io.drover.coord.storage.LogFileReader.End;
import io.drover.coord.storage.LogFileReader.Rec;
import io.drover.coord.storage.LogFileReader.Step;
import io.drover.coord.storage.StorageFiles.Named;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates a log directory when it is opened and repairs it so that it holds exactly its valid
 * prefix: the first invalid byte (torn write or corruption) ends the log. The file holding it is
 * truncated there; a file left with no valid record is removed (deleted if it held nothing, renamed
 * {@code *.corrupt} if it held garbage); every later file is renamed {@code *.corrupt}, because its
 * records follow a gap and applying them would apply transactions out of order. Nothing past the cut
 * is ever returned to a reader.
 *
 * <p>The cut is safe because a record is acknowledged only after the fsync covering it returned, and
 * records are written in zxid order: whatever lies after the first invalid byte was never acknowledged
 * by this server, or the disk lied about the fsync.
 */
final class LogRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(LogRecovery.class);

    private LogRecovery() {}

    /** Repairs dir as described above and returns the zxid of the last valid record, or 0. */
    static long recover(Path dir) throws IOException {
        List<Named> files = StorageFiles.list(dir, StorageFiles.LOG_PREFIX);
        long lastZxid = 0;
        boolean cut = false;
        boolean changed = false;
        for (Named f : files) {
            if (cut) {
                Path aside = StorageFiles.setAside(f.path());
                LOG.warn("Log file {} follows a cut in the log; its records cannot be applied. Set aside as {}",
                        f.path(), aside);
                changed = true;
                continue;
            }
            Scan scan = scan(f, lastZxid, Long.MAX_VALUE);
            switch (scan.end()) {
                case End e -> {
                    if (scan.count() == 0) {
                        // Created just before a crash, before any record reached the disk.
                        Files.delete(f.path());
                        LOG.info("Removed log file {} holding no records (interrupted creation)", f.path());
                        cut = true;
                        changed = true;
                    }
                }
                case Corrupt c -> {
                    cut = true;
                    changed = true;
                    long size = Files.size(f.path());
                    if (scan.count() == 0) {
                        Path aside = StorageFiles.setAside(f.path());
                        LOG.warn("Log file {} has no valid record ({} at offset {}); set aside as {}",
                                f.path(), c.reason(), c.offset(), aside);
                    } else {
                        try (FileChannel ch = FileChannel.open(f.path(), StandardOpenOption.WRITE)) {
                            ch.truncate(scan.validEnd());
                            ch.force(true);
                        }
                        LOG.warn("Log file {}: {} at offset {}; cut {} bytes, keeping {} records up to zxid 0x{}",
                                f.path(), c.reason(), c.offset(), size - scan.validEnd(), scan.count(),
                                Long.toHexString(scan.lastZxid()));
                    }
                }
                case Rec r -> throw new IllegalStateException("scan ended on a record: " + r);
            }
            if (scan.count() > 0) {
                lastZxid = scan.lastZxid();
            }
        }
        if (changed) {
            StorageFiles.fsyncDirectory(dir);
        }
        return lastZxid;
    }

    /** What one file holds: count valid records ending at validEnd, then end (End or Corrupt). */
    record Scan(int count, long lastZxid, long validEnd, Step end) {}

    /**
     * Reads {@code f}'s valid records with zxids after {@code prevZxid}, up to and including {@code upTo}: a record
     * beyond it ends the scan as the end of the file would (TRUNC keeps exactly that prefix).
     */
    static Scan scan(Named f, long prevZxid, long upTo) throws IOException {
        try (LogFileReader reader = new LogFileReader(f.path())) {
            Optional<Step> headerEnd = reader.readHeader();
            if (headerEnd.isPresent()) {
                return new Scan(0, prevZxid, 0, headerEnd.get());
            }
            int count = 0;
            long last = prevZxid;
            long validEnd = LogFormat.HEADER_BYTES;
            while (true) {
                Step step = reader.next(last);
                switch (step) {
                    case Rec r -> {
                        if (r.record().zxid() > upTo) {
                            return new Scan(count, last, validEnd, new End(r.offset()));
                        }
                        if (count == 0 && r.record().zxid() != f.zxid()) {
                            return new Scan(0, prevZxid, validEnd, new Corrupt(r.offset(), "first zxid 0x"
                                    + Long.toHexString(r.record().zxid()) + " does not match the file name"));
                        }
                        count++;
                        last = r.record().zxid();
                        validEnd = r.endOffset();
                    }
                    case End e -> {
                        return new Scan(count, last, validEnd, e);
                    }
                    case Corrupt c -> {
                        return new Scan(count, last, validEnd, c);
                    }
                }
            }
        }
    }
}
