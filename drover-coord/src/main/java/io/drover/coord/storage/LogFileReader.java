package io.drover.coord.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * Sequential validating reader of one log file (see {@link LogFormat}). Used both by recovery, which
 * needs to know exactly where the valid prefix ends, and by {@link TxnLog#readAfter}. Reads with
 * positional reads into its own buffer, so it never disturbs a writer's channel position.
 */
final class LogFileReader implements AutoCloseable {
    /** Outcome of one read step. */
    sealed interface Step permits Rec, End, Corrupt {}

    /** A valid record occupying [offset, endOffset). */
    record Rec(LogRecord record, long offset, long endOffset) implements Step {}

    /** Clean end of the file's data (EOF or zero padding) at offset. */
    record End(long offset) implements Step {}

    /** The bytes at offset are not a valid record (torn write or corruption); nothing from here on is valid. */
    record Corrupt(long offset, String reason) implements Step {}

    private static final int INITIAL_BUFFER_BYTES = 256 * 1024;

    private final Path path;
    private final FileChannel channel;
    private final CRC32C crc = new CRC32C();
    private ByteBuffer buf = ByteBuffer.allocate(INITIAL_BUFFER_BYTES).flip();
    /** File offset of buf.position(). */
    private long pos;
    /** File offset of the next channel read (just past buf.limit()). */
    private long readPos;
    private boolean eof;

    LogFileReader(Path path) throws IOException {
        this.path = path;
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
    }

    /**
     * Checks the file header. Empty when it is valid and records follow; otherwise the step that ends
     * this file at offset 0: {@link End} for an empty or all-zero header (a file created just before a
     * crash), {@link Corrupt} for anything else.
     *
     * @throws IOException also when the header names a version this code does not know: such a file is
     *                     not corrupt, and cutting it would destroy data, so opening must fail instead
     */
    Optional<Step> readHeader() throws IOException {
        if (!ensure(LogFormat.HEADER_BYTES)) {
            return Optional.of(remainingAllZero() ? new End(0) : new Corrupt(0, "short file header"));
        }
        int magic = buf.getInt(buf.position());
        int version = buf.getInt(buf.position() + 4);
        if (magic == 0 && version == 0 && buf.getLong(buf.position() + 8) == 0) {
            return Optional.of(new End(0));
        }
        if (magic != LogFormat.MAGIC) {
            return Optional.of(new Corrupt(0, "bad magic 0x" + Integer.toHexString(magic)));
        }
        if (version != LogFormat.VERSION) {
            throw new IOException(path + ": unsupported log format version " + version + " (this build reads "
                    + LogFormat.VERSION + "); refusing to touch it");
        }
        advance(LogFormat.HEADER_BYTES);
        return Optional.empty();
    }

    /** Reads the record at the current offset; prevZxid is the zxid it must exceed. */
    Step next(long prevZxid) throws IOException {
        long offset = pos;
        if (!ensure(4)) {
            return remainingAllZero() ? new End(offset) : new Corrupt(offset, "short length field (torn write)");
        }
        int start = buf.position();
        int length = buf.getInt(start);
        if (length == 0) {
            return new End(offset);
        }
        if (length < 8 || length > 8 + LogFormat.MAX_PAYLOAD_BYTES) {
            return new Corrupt(offset, "bad length " + length);
        }
        int total = length + LogFormat.RECORD_OVERHEAD_BYTES - 8;
        // The size check first keeps a corrupt length from making us allocate a huge buffer.
        if (buf.remaining() < total && offset + total > channel.size() || !ensure(total)) {
            return new Corrupt(offset, "record of " + total + " bytes runs past end of file (torn write)");
        }
        start = buf.position();
        long zxid = buf.getLong(start + 4);
        int storedCrc = buf.getInt(start + 4 + length);
        byte marker = buf.get(start + 4 + length + 4);
        crc.reset();
        crc.update(buf.slice(start, 4 + length));
        if ((int) crc.getValue() != storedCrc) {
            return new Corrupt(offset, "checksum mismatch");
        }
        if (marker != LogFormat.END_MARKER) {
            return new Corrupt(offset, "missing end marker");
        }
        if (zxid <= prevZxid) {
            return new Corrupt(offset, "zxid 0x" + Long.toHexString(zxid) + " does not exceed previous 0x"
                    + Long.toHexString(prevZxid));
        }
        byte[] payload = new byte[length - 8];
        buf.get(start + 12, payload);
        advance(total);
        return new Rec(new LogRecord(zxid, payload), offset, pos);
    }

    private void advance(int n) {
        buf.position(buf.position() + n);
        pos += n;
    }

    /** Tries to have n bytes buffered; false only at EOF with fewer. */
    private boolean ensure(int n) throws IOException {
        if (buf.remaining() >= n) {
            return true;
        }
        if (n > buf.capacity()) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(n, buf.capacity() * 2));
            bigger.put(buf);
            buf = bigger;
        } else {
            buf.compact();
        }
        // buf is now in write mode
        while (buf.position() < n && !eof) {
            int r = channel.read(buf, readPos);
            if (r < 0) {
                eof = true;
            } else {
                readPos += r;
            }
        }
        buf.flip();
        return buf.remaining() >= n;
    }

    /** Whether the bytes left at EOF (fewer than a full field) are all zero. */
    private boolean remainingAllZero() {
        for (int i = buf.position(); i < buf.limit(); i++) {
            if (buf.get(i) != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
