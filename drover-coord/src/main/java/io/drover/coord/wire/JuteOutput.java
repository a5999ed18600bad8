package io.drover.coord.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Jute binary encoding (ZooKeeper's {@code BinaryOutputArchive}) into a growable byte array.
 * Big-endian ints and longs, one byte booleans, length-prefixed strings and buffers, and -1 as the
 * length of a null string, buffer or vector.
 */
public final class JuteOutput {
  private byte[] buf;
  private int pos;

  public JuteOutput() { this(256); }

  public JuteOutput(int initialCapacity) { buf = new byte[Math.max(16, initialCapacity)]; }

  private void ensure(int extra) {
    if (pos + extra > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + extra));
  }

  public JuteOutput writeInt(int v) {
    ensure(4);
    buf[pos++] = (byte) (v >>> 24); buf[pos++] = (byte) (v >>> 16);
    buf[pos++] = (byte) (v >>> 8); buf[pos++] = (byte) v;
    return this;
  }

  public JuteOutput writeLong(long v) {
    writeInt((int) (v >>> 32));
    return writeInt((int) v);
  }

  public JuteOutput writeBool(boolean v) {
    ensure(1);
    buf[pos++] = (byte) (v ? 1 : 0);
    return this;
  }

  public JuteOutput writeRaw(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, pos, bytes.length);
    pos += bytes.length;
    return this;
  }

  public JuteOutput writeBuffer(byte[] bytes) {
    if (bytes == null) return writeInt(-1);
    writeInt(bytes.length);
    return writeRaw(bytes);
  }

  public JuteOutput writeString(String s) {
    return writeBuffer(s == null ? null : s.getBytes(StandardCharsets.UTF_8));
  }

  public JuteOutput writeStrings(List<String> list) {
    if (list == null) return writeInt(-1);
    writeInt(list.size());
    for (String s : list) writeString(s);
    return this;
  }

  public JuteOutput writeAcls(List<Acl> acls) {
    if (acls == null) return writeInt(-1);
    writeInt(acls.size());
    for (Acl a : acls) a.write(this);
    return this;
  }

  /** Overwrites 4 bytes at {@code at}, e.g. a length prefix reserved earlier. */
  public void putInt(int at, int v) {
    buf[at] = (byte) (v >>> 24); buf[at + 1] = (byte) (v >>> 16);
    buf[at + 2] = (byte) (v >>> 8); buf[at + 3] = (byte) v;
  }

  public int size() { return pos; }

  /** Empties the buffer, keeping its capacity, so one JuteOutput can encode record after record. */
  public void reset() { pos = 0; }

  public byte[] toByteArray() { return Arrays.copyOf(buf, pos); }

  /** The backing array; valid up to {@link #size()}. */
  public byte[] array() { return buf; }
}
