package io.drover.apps.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The byte layout of a stored value (pure). The first byte of every value znode says how to read the rest:
 *
 * <pre>
 * 0xD0 raw      : value bytes
 * 0xD1 gzip     : gzip(value)
 * 0xD2 chunked  : manifest, payload = value           in sibling chunk znodes
 * 0xD3 chunked  : manifest, payload = gzip(value)     in sibling chunk znodes
 * manifest      : int8 version(1) | int64 generation | int32 chunkCount | int32 payloadLength | int32 crc32(payload)
 * </pre>
 *
 * An empty znode holds no value (a parent created only for its children). Any other first byte is corruption.
 */
final class ValueFormat {
  static final byte RAW = (byte) 0xD0;
  static final byte GZIP = (byte) 0xD1;
  static final byte CHUNKED = (byte) 0xD2;
  static final byte CHUNKED_GZIP = (byte) 0xD3;
  private static final byte MANIFEST_VERSION = 1;
  static final int MANIFEST_BYTES = 1 + 1 + 8 + 4 + 4 + 4;

  private ValueFormat() {}

  /** How a value is stored. */
  sealed interface Encoded permits Inline, Split {}

  /** The whole znode data, header included. */
  record Inline(byte[] data) implements Encoded {}

  /** A payload too large for one znode: written as chunks plus a manifest. */
  record Split(byte[] payload, boolean gzip) implements Encoded {}

  record Manifest(boolean gzip, long generation, int chunkCount, int payloadLength, int crc32) {}

  static Encoded encode(byte[] value, StoreLimits limits) {
    if (value.length > limits.maxValueBytes()) {
      throw new IllegalArgumentException("value of " + value.length + " bytes exceeds the limit of "
          + limits.maxValueBytes() + " bytes");
    }
    boolean gzip = limits.compression() && value.length > limits.compressThresholdBytes();
    byte[] payload = gzip ? gzip(value) : value;
    if (1 + payload.length <= limits.chunkBytes()) {
      byte[] data = new byte[1 + payload.length];
      data[0] = gzip ? GZIP : RAW;
      System.arraycopy(payload, 0, data, 1, payload.length);
      return new Inline(data);
    }
    return new Split(payload, gzip);
  }

  static byte[] manifest(Manifest m) {
    return ByteBuffer.allocate(MANIFEST_BYTES).put(m.gzip() ? CHUNKED_GZIP : CHUNKED).put(MANIFEST_VERSION)
        .putLong(m.generation()).putInt(m.chunkCount()).putInt(m.payloadLength()).putInt(m.crc32()).array();
  }

  static boolean isChunked(byte[] data) {
    return data.length > 0 && (data[0] == CHUNKED || data[0] == CHUNKED_GZIP);
  }

  /** Parses a chunked value's manifest, checking it against {@code limits}. */
  static Manifest parseManifest(String node, byte[] data, StoreLimits limits) throws StoreException {
    if (data.length != MANIFEST_BYTES || data[1] != MANIFEST_VERSION) {
      throw new StoreException("corrupt value at " + node + ": bad chunk manifest (" + data.length + " bytes)");
    }
    ByteBuffer b = ByteBuffer.wrap(data, 2, data.length - 2);
    Manifest m = new Manifest(data[0] == CHUNKED_GZIP, b.getLong(), b.getInt(), b.getInt(), b.getInt());
    if (m.chunkCount() < 1 || m.chunkCount() > limits.maxChunks() || m.payloadLength() < 0
        || (long) m.payloadLength() > (long) m.chunkCount() * limits.chunkBytes()) {
      throw new StoreException("corrupt value at " + node + ": implausible chunk manifest " + m);
    }
    return m;
  }

  static int crc32(byte[] payload) {
    CRC32 crc = new CRC32();
    crc.update(payload);
    return (int) crc.getValue();
  }

  /** Decodes an inline value (header byte RAW or GZIP). */
  static byte[] decodeInline(String node, byte[] data, StoreLimits limits) throws StoreException {
    if (data.length == 0) throw new StoreException("corrupt value at " + node + ": empty");
    byte[] body = java.util.Arrays.copyOfRange(data, 1, data.length);
    return switch (data[0]) {
      case RAW -> body;
      case GZIP -> gunzip(node, body, limits);
      default -> throw new StoreException("corrupt value at " + node + String.format(": unknown header byte 0x%02x",
          data[0] & 0xff));
    };
  }

  /** Checks a reassembled payload against its manifest and decompresses it if needed. */
  static byte[] decodePayload(String node, Manifest m, byte[] payload, StoreLimits limits) throws StoreException {
    if (payload.length != m.payloadLength() || crc32(payload) != m.crc32()) {
      throw new StoreException("corrupt value at " + node + ": reassembled " + payload.length + " of "
          + m.payloadLength() + " bytes, checksum " + (crc32(payload) == m.crc32() ? "ok" : "mismatch"));
    }
    return m.gzip() ? gunzip(node, payload, limits) : payload;
  }

  static byte[] gzip(byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, value.length / 4));
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(value);
    } catch (IOException e) {
      throw new UncheckedIOException("gzip to memory failed", e); // cannot happen with a byte array
    }
    return out.toByteArray();
  }

  /** Decompresses, refusing output beyond {@code limits.maxValueBytes()}. */
  static byte[] gunzip(String node, byte[] body, StoreLimits limits) throws StoreException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      byte[] out = in.readNBytes(limits.maxValueBytes() + 1);
      if (out.length > limits.maxValueBytes()) {
        throw new StoreException("corrupt value at " + node + ": decompresses beyond " + limits.maxValueBytes()
            + " bytes");
      }
      return out;
    } catch (IOException e) {
      throw new StoreException("corrupt value at " + node + ": bad gzip data: " + e.getMessage(), e);
    }
  }
}
