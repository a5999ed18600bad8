package io.drover.coord.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A Zab peer's two durable epochs, as ZooKeeper keeps them: {@code acceptedEpoch} (the last epoch this server
 * agreed to follow, set on LEADERINFO) and {@code currentEpoch} (the epoch whose history it holds, set on NEWLEADER),
 * each a decimal number in its own file in the data directory root.
 *
 * <p>A write is durable when it returns: the new value goes to a temporary file that is fsynced and atomically
 * renamed over the old one, then the directory is fsynced. So a crash leaves either the old or the new value, never
 * a torn one. A missing file reads as 0 (a fresh server); a file that does not hold a number fails the open rather
 * than guess.
 */
public final class EpochFiles {
    static final String ACCEPTED = "acceptedEpoch";
    static final String CURRENT = "currentEpoch";

    private final Path dir;
    private long accepted;
    private long current;

    private EpochFiles(Path dir, long accepted, long current) {
        this.dir = dir;
        this.accepted = accepted;
        this.current = current;
    }

    /** Reads both epochs from {@code dataDir} (created if missing). */
    public static EpochFiles open(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        return new EpochFiles(dataDir, read(dataDir.resolve(ACCEPTED)), read(dataDir.resolve(CURRENT)));
    }

    public synchronized long accepted() {
        return accepted;
    }

    public synchronized long current() {
        return current;
    }

    public synchronized void setAccepted(long epoch) throws IOException {
        write(ACCEPTED, epoch);
        accepted = epoch;
    }

    public synchronized void setCurrent(long epoch) throws IOException {
        write(CURRENT, epoch);
        current = epoch;
    }

    private static long read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        try {
            long epoch = Long.parseLong(text);
            if (epoch < 0) {
                throw new NumberFormatException("negative");
            }
            return epoch;
        } catch (NumberFormatException e) {
            throw new IOException(file + " does not hold an epoch (\"" + text
                    + "\"); fix or remove it (removing it makes this server start from epoch 0)", e);
        }
    }

    private void write(String name, long epoch) throws IOException {
        if (epoch < 0) {
            throw new IllegalArgumentException("negative epoch " + epoch);
        }
        Path tmp = dir.resolve(name + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap((epoch + "\n").getBytes(StandardCharsets.US_ASCII));
            while (bytes.hasRemaining()) {
                ch.write(bytes);
            }
            ch.force(true);
        }
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        StorageFiles.fsyncDirectory(dir);
    }
}
