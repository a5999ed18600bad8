package io.drover.coord.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Jute binary decoding over a byte range. Every length is checked against what is left, so a
 * malformed frame raises {@link MalformedFrameException} and never allocates more than the frame holds.
 */
public final class JuteInput {
  private final byte[] buf;
  private final int end;
  private int pos;

  public JuteInput(byte[] buf) { this(buf, 0, buf.length); }

  public JuteInput(byte[] buf, int offset, int length) {
    this.buf = buf;
    this.pos = offset;
    this.end = offset + length;
  }

  private void need(int n) {
    if (n < 0 || end - pos < n) throw new MalformedFrameException("record truncated: need " + n + " bytes, " + (end - pos) + " left");
  }

  public int readInt() {
    need(4);
    int v = ((buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16) | ((buf[pos + 2] & 0xff) << 8) | (buf[pos + 3] & 0xff);
    pos += 4;
    return v;
  }

  public long readLong() { return ((long) readInt() << 32) | (readInt() & 0xffffffffL); }

  public boolean readBool() {
    need(1);
    return buf[pos++] != 0;
  }

  public byte[] readBuffer() {
    int len = readInt();
    if (len == -1) return null;
    if (len < -1) throw new MalformedFrameException("negative buffer length " + len);
    need(len);
    byte[] out = new byte[len];
    System.arraycopy(buf, pos, out, 0, len);
    pos += len;
    return out;
  }

  public String readString() {
    int len = readInt();
    if (len == -1) return null;
    if (len < -1) throw new MalformedFrameException("negative string length " + len);
    need(len);
    String s = new String(buf, pos, len, StandardCharsets.UTF_8);
    pos += len;
    return s;
  }

  /** Reads a vector count; -1 (null) is returned as -1. Counts are bounded by the bytes left, at one byte per element. */
  public int readCount() {
    int n = readInt();
    if (n < -1) throw new MalformedFrameException("negative vector length " + n);
    if (n > end - pos) throw new MalformedFrameException("vector length " + n + " exceeds the " + (end - pos) + " bytes left");
    return n;
  }

  public List<String> readStrings() {
    int n = readCount();
    if (n == -1) return null;
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) out.add(readString());
    return out;
  }

  public List<Acl> readAcls() {
    int n = readCount();
    if (n == -1) return null;
    List<Acl> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) out.add(Acl.read(this));
    return out;
  }

  public int remaining() { return end - pos; }

  public boolean hasRemaining() { return pos < end; }
}
