package io.drover.coord.wire;

/** First frame from a client. {@code readOnlyPresent} is false for old clients that omit the trailing byte; the reply mirrors it. */
public record ConnectRequest(int protocolVersion, long lastZxidSeen, int timeOut, long sessionId, byte[] passwd,
                             boolean readOnly, boolean readOnlyPresent) {}
