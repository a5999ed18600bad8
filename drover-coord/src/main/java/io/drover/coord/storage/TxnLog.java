package io.drover.coord.storage;

import io.drover.coord.storage.StorageFiles.Named;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transaction log: an append-only sequence of opaque records with strictly increasing zxids,
 * spread over files {@code log.<hex zxid of the file's first record>} in one directory (format in
 * {@link LogFormat}).
 *
 * <p>Durability contract: {@link #append} only buffers; a record is durable once a later
 * {@link #sync()} returns (group commit: append a batch, sync once, then acknowledge the batch).
 * Appends are gathered in one direct buffer and reach the file in one positional write per buffer
 * fill or per sync, never one syscall per record. Files grow in {@link LogOptions#preAllocBytes()}
 * steps so most fsyncs only flush data.
 *
 * <p>Each open starts a fresh file at the next append, as ZooKeeper does, so a file that was repaired
 * at open is never written again. After any I/O failure while writing the log refuses further writes
 * (its on-disk state is unknown, and a retried fsync can falsely succeed); reopen it to recover.
 *
 * <p>Methods are synchronized: one thread is expected to append and sync, while others may
 * {@link #readAfter} (e.g. to bring a learner up to date).
 */
public final class TxnLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TxnLog.class);
    /** ZooKeeper's fsync.warningthresholdms default. */
    static final long FSYNC_WARN_MS = 1000;
    private static final int WRITE_BUFFER_BYTES = 1024 * 1024;
    /** Grow the file when a write would come within this distance of its preallocated end. */
    private static final int PREALLOC_MARGIN_BYTES = 4096;
    private static final ByteBuffer ZERO_BYTE = ByteBuffer.allocate(1).asReadOnlyBuffer();

    private final Path dir;
    private final LogOptions opts;
    private final ByteBuffer buf = ByteBuffer.allocateDirect(WRITE_BUFFER_BYTES);
    private final CRC32C crc = new CRC32C();
    private long lastZxid;

    /** File receiving appends, or null until the next append (after open and after a roll). */
    private FileChannel current;
    /** Bytes of the current file already handed to the channel; buf holds what follows. */
    private long currentWrittenBytes;
    /** Size the current file has been grown to by preallocation. */
    private long currentAllocatedBytes;
    /** Rolled-away files with records not yet fsynced: the next sync forces, then closes them. */
    private final List<FileChannel> rolled = new ArrayList<>();
    /** A file was created since the directory was last fsynced. */
    private boolean dirDirty;
    private IOException failure;
    private boolean closed;

    private TxnLog(Path dir, LogOptions opts, long lastZxid) {
        this.dir = dir;
        this.opts = opts;
        this.lastZxid = lastZxid;
    }

    /**
     * Opens (creating if needed) the log in dir and repairs it to its valid prefix: a torn or corrupt
     * record (bad checksum, short record, bad length, missing end marker, zxid not increasing) and
     * everything after it is cut, never applied; see {@link LogRecovery} for exactly what happens to
     * the files, each step logged.
     */
    public static TxnLog open(Path dir, LogOptions opts) throws IOException {
        Files.createDirectories(dir);
        long last = LogRecovery.recover(dir);
        return new TxnLog(dir, opts, last);
    }

    /** Zxid of the last record appended (durable or not) or recovered at open; 0 for an empty log. */
    public synchronized long lastZxid() {
        return lastZxid;
    }

    /**
     * Buffers one record; not durable until {@link #sync()}.
     *
     * @throws IllegalArgumentException if zxid does not exceed {@link #lastZxid()} or the payload
     *                                  exceeds 64 MiB
     */
    public synchronized void append(long zxid, byte[] payload) throws IOException {
        checkWritable();
        if (zxid <= lastZxid) {
            throw new IllegalArgumentException("zxid 0x" + Long.toHexString(zxid) + " does not exceed the last zxid 0x"
                    + Long.toHexString(lastZxid) + "; log zxids must strictly increase");
        }
        if (payload.length > LogFormat.MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes exceeds the limit of "
                    + LogFormat.MAX_PAYLOAD_BYTES);
        }
        try {
            if (current != null && currentWrittenBytes + buf.position() >= opts.rollAfterBytes()) {
                rollCurrent();
            }
            if (current == null) {
                startFile(zxid);
            }
            int total = LogFormat.RECORD_OVERHEAD_BYTES + payload.length;
            if (total > buf.remaining()) {
                flushBuffer();
            }
            if (total > buf.capacity()) {
                ByteBuffer big = ByteBuffer.allocate(total);
                putRecord(big, zxid, payload);
                writeFully(big.flip());
            } else {
                putRecord(buf, zxid, payload);
            }
            lastZxid = zxid;
        } catch (IOException e) {
            throw fail(e);
        }
    }

    /**
     * Makes every appended record durable: writes out the buffer, then fsyncs ({@code force(false)},
     * i.e. fdatasync, which still persists a changed file size) every file written since the last sync
     * and, when a file was created, the directory. With {@link LogOptions#forceSync()} off it only
     * writes. Logs a warning when the fsyncs take longer than {@value #FSYNC_WARN_MS} ms.
     */
    public synchronized void sync() throws IOException {
        checkWritable();
        try {
            flushBuffer();
            if (opts.forceSync()) {
                long startNs = System.nanoTime();
                for (FileChannel ch : rolled) {
                    ch.force(false);
                }
                if (current != null) {
                    current.force(false);
                }
                if (dirDirty) {
                    StorageFiles.fsyncDirectory(dir);
                }
                long tookMs = (System.nanoTime() - startNs) / 1_000_000;
                if (tookMs > FSYNC_WARN_MS) {
                    LOG.warn("fsync of the txn log in {} took {} ms (threshold {} ms); the disk is slow or busy",
                            dir, tookMs, FSYNC_WARN_MS);
                }
            }
            dirDirty = false;
            closeRolled();
        } catch (IOException e) {
            throw fail(e);
        }
    }

    /**
     * Makes the next append start a new file (named after that record's zxid). Records appended before
     * the roll still become durable only with the next {@link #sync()}. Does nothing if no file is
     * open for appends (right after open or a previous roll).
     */
    public synchronized void roll() throws IOException {
        checkWritable();
        try {
            rollCurrent();
        } catch (IOException e) {
            throw fail(e);
        }
    }

    /**
     * Records with zxid greater than afterZxid, in order across files, up to the last record appended
     * before this call (appended but unsynced records included: they are written out first). If older
     * files were purged, the first record returned may be later than afterZxid + 1; callers that need
     * a gap-free history check it. See {@link LogIterator} for error handling; close the iterator.
     */
    public synchronized LogIterator readAfter(long afterZxid) throws IOException {
        if (closed) {
            throw new IllegalStateException("txn log in " + dir + " is closed");
        }
        if (failure == null) {
            try {
                flushBuffer();
            } catch (IOException e) {
                throw fail(e);
            }
        }
        List<Named> files = StorageFiles.list(dir, StorageFiles.LOG_PREFIX);
        // Start at the last file whose first zxid <= afterZxid + 1: earlier files hold only zxids <= afterZxid.
        long wanted = afterZxid == Long.MAX_VALUE ? afterZxid : afterZxid + 1;
        int first = 0;
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i).zxid() <= wanted) {
                first = i;
            }
        }
        return new FileLogIterator(files.subList(first, files.size()), afterZxid, lastZxid);
    }

    /**
     * Removes every record with a zxid greater than {@code zxid}, durably (Zab's TRUNC: a learner drops
     * proposals the new leader never committed). Files that start after {@code zxid} are deleted, the file
     * holding it is cut right after it; the next append starts a new file. Returns the new
     * {@link #lastZxid()}: the greatest zxid kept, which is {@code zxid} if that record exists.
     */
    public synchronized long truncateAfter(long zxid) throws IOException {
        checkWritable();
        try {
            flushBuffer();
            rollCurrent();
            for (FileChannel ch : rolled) {
                ch.force(false);
            }
            closeRolled();
            long kept = 0;
            for (Named f : StorageFiles.list(dir, StorageFiles.LOG_PREFIX)) {
                if (f.zxid() > zxid) {
                    Files.delete(f.path());
                    continue;
                }
                // The files were repaired when the log was opened: each is a valid header and records.
                LogRecovery.Scan scan = LogRecovery.scan(f, kept, zxid);
                kept = scan.lastZxid(); // unchanged when the file keeps no record
                try (FileChannel ch = FileChannel.open(f.path(), StandardOpenOption.WRITE)) {
                    if (ch.size() > scan.validEnd()) {
                        ch.truncate(scan.validEnd());
                        ch.force(true);
                    }
                }
            }
            StorageFiles.fsyncDirectory(dir);
            if (kept != lastZxid) {
                LOG.info("txn log in {} truncated after 0x{} (last was 0x{})", dir, Long.toHexString(kept),
                        Long.toHexString(lastZxid));
            }
            lastZxid = kept;
            return kept;
        } catch (IOException e) {
            throw fail(e);
        }
    }

    /** Writes out and (with forceSync) fsyncs what was appended, then releases the files. Idempotent. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        IOException error = null;
        try {
            if (failure == null) {
                sync();
            }
        } catch (IOException e) {
            error = e;
        } finally {
            closed = true;
            List<FileChannel> all = new ArrayList<>(rolled);
            if (current != null) {
                all.add(current);
            }
            rolled.clear();
            current = null;
            for (FileChannel ch : all) {
                try {
                    ch.close();
                } catch (IOException e) {
                    if (error == null) {
                        error = e;
                    } else {
                        error.addSuppressed(e);
                    }
                }
            }
        }
        if (error != null) {
            throw error;
        }
    }

    private void startFile(long firstZxid) throws IOException {
        Path path = dir.resolve(StorageFiles.logName(firstZxid));
        current = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        currentWrittenBytes = 0;
        currentAllocatedBytes = 0;
        dirDirty = true;
        LogFormat.putHeader(buf);
    }

    private void rollCurrent() throws IOException {
        if (current == null) {
            return;
        }
        flushBuffer();
        rolled.add(current);
        current = null;
    }

    private void putRecord(ByteBuffer out, long zxid, byte[] payload) {
        int start = out.position();
        out.putInt(8 + payload.length).putLong(zxid).put(payload);
        crc.reset();
        crc.update(out.slice(start, 12 + payload.length));
        out.putInt((int) crc.getValue()).put(LogFormat.END_MARKER);
    }

    private void flushBuffer() throws IOException {
        if (buf.position() == 0) {
            return;
        }
        buf.flip();
        try {
            writeFully(buf);
        } finally {
            buf.clear();
        }
    }

    private void writeFully(ByteBuffer src) throws IOException {
        preallocate(currentWrittenBytes + src.remaining());
        while (src.hasRemaining()) {
            currentWrittenBytes += current.write(src, currentWrittenBytes);
        }
    }

    /** Grows the file in preAllocBytes steps (by writing its new last byte) so a write up to endOffset fits. */
    private void preallocate(long endOffset) throws IOException {
        if (opts.preAllocBytes() == 0) {
            return;
        }
        long target = currentAllocatedBytes;
        while (endOffset + PREALLOC_MARGIN_BYTES >= target) {
            target += opts.preAllocBytes();
        }
        if (target != currentAllocatedBytes) {
            current.write(ZERO_BYTE.duplicate(), target - 1);
            currentAllocatedBytes = target;
        }
    }

    private void closeRolled() throws IOException {
        try {
            for (FileChannel ch : rolled) {
                ch.close();
            }
        } finally {
            rolled.clear();
        }
    }

    private void checkWritable() throws IOException {
        if (closed) {
            throw new IllegalStateException("txn log in " + dir + " is closed");
        }
        if (failure != null) {
            throw new IOException("txn log in " + dir + " failed earlier and refuses writes; reopen it to recover", failure);
        }
    }

    private IOException fail(IOException e) {
        failure = e;
        LOG.error("txn log in {} failed; no further writes until reopened", dir, e);
        return e;
    }
}
