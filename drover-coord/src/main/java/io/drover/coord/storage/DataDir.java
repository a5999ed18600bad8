package io.drover.coord.storage;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Layout of a coord server's data directory ({@code --data-dir}): transaction log files live in
 * {@code root/log} ({@code log.<hex zxid>}), snapshots in {@code root/snap} ({@code snapshot.<hex zxid>}).
 * A pure value: nothing is created until a {@link TxnLog} or {@link SnapshotStore} is opened on it.
 */
public record DataDir(Path root) {
    public DataDir {
        Objects.requireNonNull(root, "root");
    }

    public Path logDir() {
        return root.resolve("log");
    }

    public Path snapDir() {
        return root.resolve("snap");
    }
}
