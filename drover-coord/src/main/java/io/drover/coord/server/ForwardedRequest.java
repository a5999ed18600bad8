package io.drover.coord.server;

import io.drover.coord.wire.Id;
import io.drover.coord.wire.JuteInput;
import io.drover.coord.wire.JuteOutput;
import io.drover.coord.wire.OpCode;
import java.util.ArrayList;
import java.util.List;

/**
 * A client write a learner hands its leader (ZooKeeper's REQUEST packet): who sent it (session, its auth ids and
 * ip, which the leader's Prep checks ACLs against), the client's cxid and opcode, and the request payload as the
 * client sent it ({@code RequestCodec} form, empty for createSession, which carries its negotiated timeout).
 * Encoded with jute primitives; decoding failures throw {@link io.drover.coord.wire.MalformedFrameException}.
 */
record ForwardedRequest(long sessionId, int cxid, int opCode, int timeoutMs, List<Id> authIds, String clientIp,
    byte[] payload) {
  ForwardedRequest {
    authIds = List.copyOf(authIds);
  }

  static ForwardedRequest createSession(long sessionId, int timeoutMs, String clientIp) {
    return new ForwardedRequest(sessionId, 0, OpCode.CREATE_SESSION, timeoutMs, List.of(), clientIp, new byte[0]);
  }

  byte[] encode() {
    JuteOutput out = new JuteOutput(64 + payload.length);
    out.writeLong(sessionId).writeInt(cxid).writeInt(opCode).writeInt(timeoutMs).writeInt(authIds.size());
    for (Id id : authIds) id.write(out);
    out.writeString(clientIp).writeBuffer(payload);
    return out.toByteArray();
  }

  static ForwardedRequest decode(byte[] bytes) {
    JuteInput in = new JuteInput(bytes);
    long sessionId = in.readLong();
    int cxid = in.readInt();
    int opCode = in.readInt();
    int timeoutMs = in.readInt();
    int n = in.readCount();
    List<Id> ids = new ArrayList<>(Math.max(0, n));
    for (int i = 0; i < n; i++) ids.add(Id.read(in));
    String ip = in.readString();
    byte[] payload = in.readBuffer();
    return new ForwardedRequest(sessionId, cxid, opCode, timeoutMs, ids, ip, payload == null ? new byte[0] : payload);
  }
}
