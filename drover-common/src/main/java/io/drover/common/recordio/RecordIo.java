package io.drover.common.recordio;

import java.nio.charset.StandardCharsets;

/**
 * Mesos RecordIO framing ({@code docs/recordio.md}): {@code record = record-size LF record-data}, where the size is
 * the ASCII decimal byte length of the data. Record boundaries are independent of transport chunk boundaries; use
 * {@link RecordIoDecoder} to read a stream.
 */
public final class RecordIo {
  private RecordIo() {}

  /**
   * Frames one record as {@code "<decimal length>\n<bytes>"}.
   *
   * @throws IllegalArgumentException if {@code record} is empty: Mesos never sends a zero-length record
   */
  public static byte[] encode(byte[] record) {
    if (record.length == 0) throw new IllegalArgumentException("a RecordIO record is never empty");
    byte[] prefix = (record.length + "\n").getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[prefix.length + record.length];
    System.arraycopy(prefix, 0, out, 0, prefix.length);
    System.arraycopy(record, 0, out, prefix.length, record.length);
    return out;
  }
}
