package io.drover.coord.storage;

import java.util.Arrays;

/**
 * A loaded snapshot: the zxid of the last transaction it reflects (fuzzily, see the reference §3) and
 * its opaque body. Equality compares body contents. The array is not copied.
 */
public record Snapshot(long zxid, byte[] body) {
    public Snapshot {
        if (body == null) {
            throw new IllegalArgumentException("body must not be null");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Snapshot s && s.zxid == zxid && Arrays.equals(s.body, body);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(zxid) * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "Snapshot[zxid=0x" + Long.toHexString(zxid) + ", body=" + body.length + " bytes]";
    }
}
