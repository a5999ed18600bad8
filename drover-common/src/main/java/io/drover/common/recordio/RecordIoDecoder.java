package io.drover.common.recordio;

import java.util.ArrayList;
import java.util.List;

/**
 * Incremental RecordIO reader: feed it chunks split anywhere (inside the length prefix, between prefix and data, inside
 * the data) and it returns each record once complete. Not thread-safe; one decoder per stream.
 *
 * <p>Contract: the length prefix must be 1..19 ASCII digits followed by LF, with a value in
 * {@code 1..maxRecordBytes}; anything else throws {@link RecordIoException} and the decoder stays failed (every later
 * {@link #feed} throws too), because a framing error leaves no way to find the next record. The data buffer is
 * allocated only after the length passed that check, so a hostile prefix cannot make it allocate more than
 * {@code maxRecordBytes}.
 */
public final class RecordIoDecoder {
  /** Enough digits for any length up to {@link Long#MAX_VALUE}; longer prefixes are rejected before overflow. */
  private static final int MAX_DIGITS = 19;

  private final int maxRecordBytes;
  private long length;
  private int digits;
  /** Non-null while reading record data. */
  private byte[] data;
  private int filled;
  private String failure;

  /** @param maxRecordBytes the largest record accepted, at least 1 */
  public RecordIoDecoder(int maxRecordBytes) {
    if (maxRecordBytes < 1) throw new IllegalArgumentException("maxRecordBytes must be positive: " + maxRecordBytes);
    this.maxRecordBytes = maxRecordBytes;
  }

  public int maxRecordBytes() { return maxRecordBytes; }

  /** Consumes {@code chunk} (may be empty) and returns the records it completed, in order. */
  public List<byte[]> feed(byte[] chunk) {
    if (failure != null) throw new RecordIoException("decoder already failed: " + failure);
    List<byte[]> out = new ArrayList<>();
    int i = 0;
    while (i < chunk.length) {
      if (data == null) {
        byte b = chunk[i++];
        if (b == '\n') {
          startRecord();
        } else if (b >= '0' && b <= '9') {
          if (++digits > MAX_DIGITS) fail("record length prefix has more than " + MAX_DIGITS + " digits");
          length = length * 10 + (b - '0');
          if (length > maxRecordBytes) {
            fail("record length (at least " + length + ") exceeds the maximum of " + maxRecordBytes + " bytes");
          }
        } else {
          fail("record length prefix has non-digit byte 0x" + Integer.toHexString(b & 0xff));
        }
      } else {
        int n = Math.min(data.length - filled, chunk.length - i);
        System.arraycopy(chunk, i, data, filled, n);
        filled += n;
        i += n;
        if (filled == data.length) {
          out.add(data);
          data = null;
          filled = 0;
        }
      }
    }
    return out;
  }

  /** Whether the decoder sits exactly between records (no partial prefix or data buffered). */
  public boolean isAtRecordBoundary() { return data == null && digits == 0 && failure == null; }

  private void startRecord() {
    if (digits == 0) fail("record length prefix is empty");
    if (length == 0) fail("record length is 0; RecordIO records are never empty");
    data = new byte[(int) length];
    filled = 0;
    length = 0;
    digits = 0;
  }

  private void fail(String message) {
    failure = message;
    throw new RecordIoException(message);
  }
}
