package io.drover.coord.wire;

/** Reply to {@link ConnectRequest}; {@code timeOut <= 0} tells the client its session expired. */
public record ConnectResponse(int protocolVersion, int timeOut, long sessionId, byte[] passwd, boolean readOnly,
                              boolean includeReadOnly) {}
