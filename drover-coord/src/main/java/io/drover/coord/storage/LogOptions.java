package io.drover.coord.storage;

/**
 * Tuning of a {@link TxnLog}.
 *
 * @param preAllocBytes  how much a log file grows at a time when appends come within 4 KiB of its
 *                       current size (like ZooKeeper's {@code FilePadding}); growing in large steps
 *                       means most fsyncs need not also persist a new file size. 0 disables it.
 * @param forceSync      whether {@link TxnLog#sync()} calls fsync; off only for tests and benchmarks
 *                       that knowingly trade durability for speed (ZooKeeper's {@code forceSync=no}).
 * @param rollAfterBytes once the current file holds this many bytes, the next append starts a new file
 */
public record LogOptions(long preAllocBytes, boolean forceSync, long rollAfterBytes) {
    public static final long DEFAULT_PRE_ALLOC_BYTES = 64L * 1024 * 1024;
    public static final long DEFAULT_ROLL_AFTER_BYTES = 64L * 1024 * 1024;

    public LogOptions {
        if (preAllocBytes < 0) {
            throw new IllegalArgumentException("preAllocBytes must be >= 0 (0 disables preallocation), got " + preAllocBytes);
        }
        if (rollAfterBytes <= 0) {
            throw new IllegalArgumentException("rollAfterBytes must be > 0, got " + rollAfterBytes);
        }
    }

    /** 64 MiB preallocation, fsync on, roll after 64 MiB. */
    public static LogOptions defaults() {
        return new LogOptions(DEFAULT_PRE_ALLOC_BYTES, true, DEFAULT_ROLL_AFTER_BYTES);
    }

    public LogOptions withPreAllocBytes(long bytes) {
        return new LogOptions(bytes, forceSync, rollAfterBytes);
    }

    public LogOptions withForceSync(boolean force) {
        return new LogOptions(preAllocBytes, force, rollAfterBytes);
    }

    public LogOptions withRollAfterBytes(long bytes) {
        return new LogOptions(preAllocBytes, forceSync, bytes);
    }
}
