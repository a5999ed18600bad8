package io.drover.coord.storage;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One transaction as stored in the log: its zxid and an opaque payload (the storage layer never
 * interprets it). Equality compares payload contents, not array identity. The array is not copied:
 * callers must not mutate it after handing it over.
 */
public record LogRecord(long zxid, byte[] payload) {
    public LogRecord {
        if (payload == null) {
            throw new IllegalArgumentException("payload must not be null");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogRecord r && r.zxid == zxid && Arrays.equals(r.payload, payload);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(zxid) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        String head = HexFormat.of().formatHex(payload, 0, Math.min(payload.length, 16));
        return "LogRecord[zxid=0x" + Long.toHexString(zxid) + ", payload=" + payload.length + " bytes " + head
                + (payload.length > 16 ? "…]" : "]");
    }
}
