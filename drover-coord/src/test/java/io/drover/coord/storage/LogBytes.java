package io.drover.coord.storage;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/** Builds log file bytes by hand, from the documented format, to craft damaged files in tests. */
final class LogBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static LogBytes withHeader() {
        LogBytes b = new LogBytes();
        b.raw(ByteBuffer.allocate(16).putInt(0x44524C47).putInt(1).putLong(0).array());
        return b;
    }

    LogBytes record(long zxid, byte[] payload) {
        return record(zxid, payload, (byte) 0x42);
    }

    LogBytes record(long zxid, byte[] payload, byte marker) {
        ByteBuffer b = ByteBuffer.allocate(17 + payload.length);
        b.putInt(8 + payload.length).putLong(zxid).put(payload);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, 12 + payload.length);
        b.putInt((int) crc.getValue()).put(marker);
        return raw(b.array());
    }

    LogBytes raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
