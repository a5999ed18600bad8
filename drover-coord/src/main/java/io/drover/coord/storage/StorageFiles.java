package io.drover.coord.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

/**
 * File naming and small file-system helpers shared by the log, the snapshot store and the purger.
 * Names carry the zxid in lower-case hex without padding, as ZooKeeper does ({@code log.1a}); order is
 * always by the parsed number, never by the string.
 */
final class StorageFiles {
    static final String LOG_PREFIX = "log.";
    static final String SNAPSHOT_PREFIX = "snapshot.";
    static final String CORRUPT_SUFFIX = ".corrupt";

    /** A data file and the zxid its name carries. */
    record Named(long zxid, Path path) {}

    private StorageFiles() {}

    static String logName(long zxid) {
        return LOG_PREFIX + Long.toHexString(zxid);
    }

    static String snapshotName(long zxid) {
        return SNAPSHOT_PREFIX + Long.toHexString(zxid);
    }

    /** The zxid in {@code prefix<hex>}, or empty for any other name (temp files, *.corrupt, strangers). */
    static OptionalLong parse(String prefix, String fileName) {
        if (!fileName.startsWith(prefix)) {
            return OptionalLong.empty();
        }
        String hex = fileName.substring(prefix.length());
        if (hex.isEmpty() || hex.length() > 16) {
            return OptionalLong.empty();
        }
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.of(Long.parseUnsignedLong(hex, 16));
    }

    /** Files named {@code prefix<hex>} in dir, oldest (smallest zxid) first; empty if dir does not exist. */
    static List<Named> list(Path dir, String prefix) throws IOException {
        List<Named> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, prefix + "*")) {
            for (Path p : ds) {
                OptionalLong z = parse(prefix, p.getFileName().toString());
                if (z.isPresent() && Files.isRegularFile(p)) {
                    out.add(new Named(z.getAsLong(), p));
                }
            }
        }
        out.sort(Comparator.comparingLong(Named::zxid));
        return out;
    }

    /**
     * Makes creations, renames and deletions in dir durable. Without it a crash can forget a new log
     * file or a snapshot rename even though the file's own data was fsynced (Linux semantics).
     */
    static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /** Renames p to {@code p.corrupt} (or {@code p.corrupt.N} if taken) so it is kept for inspection but never read again. */
    static Path setAside(Path p) throws IOException {
        Path target = p.resolveSibling(p.getFileName() + CORRUPT_SUFFIX);
        for (int n = 1; Files.exists(target); n++) {
            target = p.resolveSibling(p.getFileName() + CORRUPT_SUFFIX + "." + n);
        }
        return Files.move(p, target);
    }

    /** Whether every byte of the file is zero (an empty or only preallocated file). Reads the whole file. */
    static boolean allZero(Path p) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(64 * 1024);
            long pos = 0;
            while (true) {
                buf.clear();
                int n = ch.read(buf, pos);
                if (n < 0) {
                    return true;
                }
                for (int i = 0; i < n; i++) {
                    if (buf.get(i) != 0) {
                        return false;
                    }
                }
                pos += n;
            }
        }
    }
}
