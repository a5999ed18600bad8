package io.drover.coord.wire;

/**
 * The handshake records, which travel without request/reply headers:
 * {@code ConnectRequest{int protocolVersion; long lastZxidSeen; int timeOut; long sessionId; buffer passwd; [boolean readOnly]}}
 * and {@code ConnectResponse{int protocolVersion; int timeOut; long sessionId; buffer passwd; [boolean readOnly]}}.
 *
 * <p>The trailing readOnly byte is optional (clients up to 3.3 omit it, {@code compat.ProtocolManager}); the
 * server mirrors the client's choice in its reply. Decoding is strict: after the password there must be
 * exactly zero or one byte left (so the valid lengths are 28 + passwd bytes, optionally + 1, with a null
 * passwd counting 0); anything else is a {@link MalformedFrameException}. Apache ZooKeeper silently ignores
 * extra bytes here; we reject them because no real client sends them.
 */
public final class ConnectCodec {
  private ConnectCodec() {}

  public static ConnectRequest decodeRequest(byte[] frame) {
    JuteInput in = new JuteInput(frame);
    int protocolVersion = in.readInt();
    long lastZxidSeen = in.readLong();
    int timeOut = in.readInt();
    long sessionId = in.readLong();
    byte[] passwd = in.readBuffer();
    boolean readOnlyPresent = readTail(in, "ConnectRequest");
    boolean readOnly = readOnlyPresent && in.readBool();
    return new ConnectRequest(protocolVersion, lastZxidSeen, timeOut, sessionId, passwd, readOnly, readOnlyPresent);
  }

  /** Writes the readOnly byte only when {@code readOnlyPresent}. For tests and tools. */
  public static byte[] encodeRequest(ConnectRequest r) {
    JuteOutput out = new JuteOutput(64);
    out.writeInt(r.protocolVersion()).writeLong(r.lastZxidSeen()).writeInt(r.timeOut()).writeLong(r.sessionId())
        .writeBuffer(r.passwd());
    if (r.readOnlyPresent()) out.writeBool(r.readOnly());
    return out.toByteArray();
  }

  /** The payload without length prefix; the readOnly byte is written only when {@code includeReadOnly}. */
  public static byte[] encodeResponse(ConnectResponse r) {
    JuteOutput out = new JuteOutput(64);
    writeResponse(out, r);
    return out.toByteArray();
  }

  /** Appends the response to {@code out} as a complete frame, length prefix included (see {@link Frames}). */
  public static void writeResponseFrame(JuteOutput out, ConnectResponse r) {
    int mark = Frames.begin(out);
    writeResponse(out, r);
    Frames.end(out, mark);
  }

  private static void writeResponse(JuteOutput out, ConnectResponse r) {
    out.writeInt(r.protocolVersion()).writeInt(r.timeOut()).writeLong(r.sessionId()).writeBuffer(r.passwd());
    if (r.includeReadOnly()) out.writeBool(r.readOnly());
  }

  /** The mirror of {@link #decodeRequest}: an optional readOnly byte, nothing else after the password. */
  public static ConnectResponse decodeResponse(byte[] frame) {
    JuteInput in = new JuteInput(frame);
    int protocolVersion = in.readInt();
    int timeOut = in.readInt();
    long sessionId = in.readLong();
    byte[] passwd = in.readBuffer();
    boolean includeReadOnly = readTail(in, "ConnectResponse");
    boolean readOnly = includeReadOnly && in.readBool();
    return new ConnectResponse(protocolVersion, timeOut, sessionId, passwd, readOnly, includeReadOnly);
  }

  /** True if exactly the readOnly byte is left, false if nothing is; anything else is malformed. */
  private static boolean readTail(JuteInput in, String record) {
    int left = in.remaining();
    if (left > 1) throw new MalformedFrameException(record + " has " + left + " unexpected trailing bytes");
    return left == 1;
  }
}
