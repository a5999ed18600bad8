package io.drover.coord.wire;

/** One decoded client request: header fields and body. */
public record RequestPacket(int xid, int opCode, Request body) {}
