package io.drover.coord.storage;

import io.drover.coord.storage.LogFileReader.Corrupt;
import io.drover.coord.storage.LogFileReader.End;
import io.drover.coord.storage.LogFileReader.Rec;
import io.drover.coord.storage.LogFileReader.Step;
import io.drover.coord.storage.StorageFiles.Named;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/** {@link LogIterator} over a fixed list of log files, returning zxids in (afterZxid, limitZxid]. */
final class FileLogIterator implements LogIterator {
    private final List<Named> files;
    private final long afterZxid;
    private final long limitZxid;
    private int fileIndex;
    private LogFileReader reader;
    private Named readerFile;
    private long prevZxid;
    private LogRecord next;
    private boolean done;

    FileLogIterator(List<Named> files, long afterZxid, long limitZxid) {
        this.files = List.copyOf(files);
        this.afterZxid = afterZxid;
        this.limitZxid = limitZxid;
        this.done = afterZxid >= limitZxid;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !done) {
            try {
                advance();
            } catch (IOException e) {
                closeQuietlyAfter(e);
                throw new UncheckedIOException(e);
            }
        }
        return next != null;
    }

    @Override
    public LogRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        LogRecord r = next;
        next = null;
        return r;
    }

    private void advance() throws IOException {
        while (true) {
            if (prevZxid >= limitZxid) {
                finish();
                return;
            }
            if (reader == null) {
                if (fileIndex >= files.size()) {
                    throw new IOException("log ends at zxid 0x" + Long.toHexString(prevZxid) + ", expected records up to 0x"
                            + Long.toHexString(limitZxid) + " (files removed or truncated underneath?)");
                }
                readerFile = files.get(fileIndex++);
                reader = new LogFileReader(readerFile.path());
                Optional<Step> headerEnd = reader.readHeader();
                if (headerEnd.isPresent()) {
                    endOfFile(headerEnd.get());
                    continue;
                }
            }
            Step step = reader.next(prevZxid);
            switch (step) {
                case Rec r -> {
                    prevZxid = r.record().zxid();
                    if (prevZxid > afterZxid) {
                        next = r.record();
                        return;
                    }
                }
                case End e -> endOfFile(e);
                case Corrupt c -> endOfFile(c);
            }
        }
    }

    private void endOfFile(Step end) throws IOException {
        if (end instanceof Corrupt c) {
            throw new IOException(readerFile.path() + ": " + c.reason() + " at offset " + c.offset()
                    + " before the log's last record 0x" + Long.toHexString(limitZxid));
        }
        reader.close();
        reader = null;
    }

    private void finish() throws IOException {
        done = true;
        close();
    }

    private void closeQuietlyAfter(IOException cause) {
        done = true;
        try {
            close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public void close() throws IOException {
        done = true;
        if (reader != null) {
            LogFileReader r = reader;
            reader = null;
            r.close();
        }
    }
}
