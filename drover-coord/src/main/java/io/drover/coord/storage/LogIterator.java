package io.drover.coord.storage;

import java.io.Closeable;
import java.io.IOException;
import java.util.Iterator;

/**
 * Records of a {@link TxnLog} in zxid order, read lazily from its files. It holds at most one file
 * open; close it when stopping early (try-with-resources). {@link #hasNext()} and {@link #next()}
 * throw {@link java.io.UncheckedIOException} when reading fails, including when a file turns out to
 * be corrupt or missing (removed underneath, e.g. by a purge) before the iterator reached the last
 * record that existed when it was created: a silent short read would look like a complete history.
 */
public interface LogIterator extends Iterator<LogRecord>, Closeable {
    @Override
    void close() throws IOException;
}
