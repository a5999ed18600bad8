package io.drover.coord.storage;

import java.nio.ByteBuffer;

/**
 * On-disk layout of a log file (ours, with ZooKeeper's properties), all integers big-endian:
 * <pre>
 * header : int magic "DRLG" | int version 1 | 8 reserved zero bytes            (16 bytes)
 * record : int length | long zxid | payload | int crc32c | byte 0x42 ('B')      (17 + payload bytes)
 *          length = 8 + payload length (covers zxid and payload, so it is never 0 for a record);
 *          crc32c covers length, zxid and payload.
 * tail   : zero bytes up to the preallocated end of file; a length of 0 (or EOF) ends the file.
 * </pre>
 * A record whose length is out of range, that runs past EOF, whose checksum or end marker is wrong,
 * or whose zxid does not increase is a torn or corrupt tail: everything from it on is invalid.
 */
final class LogFormat {
    static final int MAGIC = 0x44524C47; // "DRLG"
    static final int VERSION = 1;
    static final int HEADER_BYTES = 16;
    static final byte END_MARKER = 0x42;
    /** length + zxid + crc + end marker. */
    static final int RECORD_OVERHEAD_BYTES = 4 + 8 + 4 + 1;
    /** Bound on one payload; a larger length field can only be corruption. */
    static final int MAX_PAYLOAD_BYTES = 64 * 1024 * 1024;

    private LogFormat() {}

    static void putHeader(ByteBuffer buf) {
        buf.putInt(MAGIC).putInt(VERSION).putLong(0L);
    }
}
