package io.drover.coord.storage;

import io.drover.coord.storage.StorageFiles.Named;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshots in one directory, as files {@code snapshot.<hex zxid>}; all integers big-endian:
 * <pre>
 * header  : int magic "DRSN" | int version 1 | long zxid                        (16 bytes)
 * body    : opaque bytes from the {@link BodyWriter}
 * trailer : long body length | int crc32c over header, body and length | int end marker "DEND"
 * </pre>
 * A snapshot becomes visible only complete: it is written to a temp file ({@code snapshot.<hex>.*.tmp}),
 * fsynced, atomically renamed, and the directory fsynced. A file that fails any structural or checksum
 * check is skipped by {@link #newestValid()} (and logged), never partially loaded.
 *
 * <p>One store per directory and process: the constructor deletes temp files left by a crash.
 */
public final class SnapshotStore {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);
    static final int MAGIC = 0x4452534E; // "DRSN"
    static final int VERSION = 1;
    static final int END_MARKER = 0x44454E44; // "DEND"
    static final int HEADER_BYTES = 16;
    static final int TRAILER_BYTES = 16;
    private static final String TEMP_SUFFIX = ".tmp";
    private static final int IO_CHUNK_BYTES = 64 * 1024;
    /** A body must fit in one Java array to be loaded. */
    private static final long MAX_BODY_BYTES = Integer.MAX_VALUE - 16;

    /** Streams a snapshot body; the stream's close() only flushes, the store finishes the file. */
    public interface BodyWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    private final Path dir;

    public SnapshotStore(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, StorageFiles.SNAPSHOT_PREFIX + "*" + TEMP_SUFFIX)) {
            for (Path p : ds) {
                Files.delete(p);
                LOG.info("Deleted incomplete snapshot temp file {} (left by an interrupted write)", p);
            }
        }
    }

    public Path dir() {
        return dir;
    }

    /**
     * Writes {@code snapshot.<hex zxid>} durably (see the class comment) and returns its path. The body
     * is streamed through a buffer straight to the file. If anything fails the temp file is removed and
     * no snapshot appears. An existing snapshot with the same zxid is replaced atomically.
     */
    public Path write(long zxid, BodyWriter body) throws IOException {
        Path target = dir.resolve(StorageFiles.snapshotName(zxid));
        Path tmp = Files.createTempFile(dir, StorageFiles.snapshotName(zxid) + ".", TEMP_SUFFIX);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ChecksummedChannelStream out = new ChecksummedChannelStream(ch);
                out.writeInts(MAGIC, VERSION);
                out.writeLong(zxid);
                body.writeTo(out.bodyView());
                long bodyBytes = out.count() - HEADER_BYTES;
                out.writeLong(bodyBytes);
                int crc = out.crc();
                out.writeInts(crc, END_MARKER);
                out.flush();
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        StorageFiles.fsyncDirectory(dir);
        return target;
    }

    /** The newest snapshot that passes every check; invalid ones are logged and skipped. Empty if none. */
    public Optional<Snapshot> newestValid() throws IOException {
        List<Named> all = StorageFiles.list(dir, StorageFiles.SNAPSHOT_PREFIX);
        for (int i = all.size() - 1; i >= 0; i--) {
            Named n = all.get(i);
            Checked c;
            try {
                c = check(n, true);
            } catch (NoSuchFileException gone) {
                continue; // purged since listing
            }
            switch (c) {
                case Checked.Valid v -> {
                    return Optional.of(new Snapshot(n.zxid(), v.body()));
                }
                case Checked.Invalid bad -> LOG.warn("Skipping invalid snapshot {}: {}", n.path(), bad.reason());
            }
        }
        return Optional.empty();
    }

    /** Zxids of the snapshot files present (valid or not), newest first. */
    public List<Long> zxids() throws IOException {
        List<Long> out = new ArrayList<>();
        for (Named n : StorageFiles.list(dir, StorageFiles.SNAPSHOT_PREFIX)) {
            out.addFirst(n.zxid());
        }
        return out;
    }

    /** Outcome of checking one snapshot file. */
    sealed interface Checked {
        /** Passed every check; body is null when it was only verified, not loaded. */
        record Valid(byte[] body) implements Checked {}

        record Invalid(String reason) implements Checked {}
    }

    /**
     * Verifies one snapshot file completely (structure and checksum), loading its body if asked.
     *
     * @throws IOException if the file cannot be read, is too large to load, or is intact (magic, end
     *                     marker, length and checksum all check out) but names a version this build does
     *                     not know: that is a file from another build, not corruption, and skipping it
     *                     could silently roll the state back. A version field that fails the checksum is
     *                     corruption and makes the file invalid.
     */
    static Checked check(Named n, boolean loadBody) throws IOException {
        try (FileChannel ch = FileChannel.open(n.path(), StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < HEADER_BYTES + TRAILER_BYTES) {
                return new Checked.Invalid("file of " + size + " bytes is shorter than header and trailer");
            }
            ByteBuffer header = readAt(ch, 0, HEADER_BYTES);
            ByteBuffer trailer = readAt(ch, size - TRAILER_BYTES, TRAILER_BYTES);
            int magic = header.getInt(0);
            int version = header.getInt(4);
            long zxid = header.getLong(8);
            if (magic != MAGIC) {
                return new Checked.Invalid("bad magic 0x" + Integer.toHexString(magic));
            }
            if (zxid != n.zxid()) {
                return new Checked.Invalid("header zxid 0x" + Long.toHexString(zxid) + " does not match the file name");
            }
            if (trailer.getInt(12) != END_MARKER) {
                return new Checked.Invalid("missing end marker (incomplete write?)");
            }
            long bodyBytes = trailer.getLong(0);
            if (bodyBytes != size - HEADER_BYTES - TRAILER_BYTES) {
                return new Checked.Invalid("recorded body length " + bodyBytes + " does not match file size " + size);
            }
            if (loadBody && bodyBytes > MAX_BODY_BYTES) {
                throw new IOException(n.path() + ": body of " + bodyBytes + " bytes is too large to load");
            }
            CRC32C crc = new CRC32C();
            crc.update(header.rewind());
            byte[] body = loadBody ? new byte[(int) bodyBytes] : null;
            ByteBuffer chunk = loadBody ? ByteBuffer.wrap(body) : ByteBuffer.allocate(IO_CHUNK_BYTES);
            long pos = HEADER_BYTES;
            long end = HEADER_BYTES + bodyBytes;
            while (pos < end) {
                if (!loadBody) {
                    chunk.clear().limit((int) Math.min(chunk.capacity(), end - pos));
                }
                int start = chunk.position();
                int r = ch.read(chunk, pos);
                if (r < 0) {
                    return new Checked.Invalid("file shrank while reading");
                }
                crc.update(chunk.slice(start, r));
                pos += r;
            }
            crc.update(trailer.slice(0, 8));
            if ((int) crc.getValue() != trailer.getInt(8)) {
                return new Checked.Invalid("checksum mismatch" + (version != VERSION ? " (version field " + version + ")" : ""));
            }
            if (version != VERSION) {
                // Intact framing around an unknown version: a file from another build, not corruption.
                throw new IOException(n.path() + ": unsupported snapshot format version " + version
                        + " (this build reads " + VERSION + ")");
            }
            return new Checked.Valid(body);
        }
    }

    private static ByteBuffer readAt(FileChannel ch, long pos, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (ch.read(b, pos + b.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
        return b.flip();
    }

    /**
     * Buffered stream onto a channel that checksums and counts everything written. {@link #bodyView()}
     * is what the body writer sees: closing it flushes but leaves the file open for the trailer.
     */
    private static final class ChecksummedChannelStream extends OutputStream {
        private final FileChannel ch;
        private final ByteBuffer buf = ByteBuffer.allocate(IO_CHUNK_BYTES);
        private final CRC32C crc = new CRC32C();
        private long count;
        private long written;

        ChecksummedChannelStream(FileChannel ch) {
            this.ch = ch;
        }

        long count() {
            return count;
        }

        int crc() {
            return (int) crc.getValue();
        }

        void writeInts(int a, int b) throws IOException {
            write(ByteBuffer.allocate(8).putInt(a).putInt(b).array());
        }

        void writeLong(long v) throws IOException {
            write(ByteBuffer.allocate(8).putLong(v).array());
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            crc.update(b, off, len);
            count += len;
            while (len > 0) {
                if (!buf.hasRemaining()) {
                    drain();
                }
                int n = Math.min(len, buf.remaining());
                buf.put(b, off, n);
                off += n;
                len -= n;
            }
        }

        @Override
        public void flush() throws IOException {
            drain();
        }

        private void drain() throws IOException {
            buf.flip();
            while (buf.hasRemaining()) {
                written += ch.write(buf, written);
            }
            buf.clear();
        }

        OutputStream bodyView() {
            return new OutputStream() {
                private boolean closed;

                @Override
                public void write(int b) throws IOException {
                    ensureOpen();
                    ChecksummedChannelStream.this.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    ensureOpen();
                    ChecksummedChannelStream.this.write(b, off, len);
                }

                @Override
                public void flush() throws IOException {
                    ensureOpen();
                    ChecksummedChannelStream.this.flush();
                }

                @Override
                public void close() throws IOException {
                    if (!closed) {
                        ChecksummedChannelStream.this.flush();
                        closed = true;
                    }
                }

                private void ensureOpen() throws IOException {
                    if (closed) {
                        throw new IOException("snapshot body stream is closed");
                    }
                }
            };
        }
    }
}
