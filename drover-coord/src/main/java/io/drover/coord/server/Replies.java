package io.drover.coord.server;

import io.drover.coord.tree.ApplyResult;
import io.drover.coord.tree.Delivery;
import io.drover.coord.wire.Code;
import io.drover.coord.wire.Frames;
import io.drover.coord.wire.JuteOutput;
import io.drover.coord.wire.OpCode;
import io.drover.coord.wire.Response;
import io.drover.coord.wire.ResponseCodec;
import io.drover.coord.wire.Txn;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** Length-prefixed frames for everything the server sends a client. */
final class Replies {
  private Replies() {}

  static ByteBuf frame(byte[] body) { return Unpooled.wrappedBuffer(Frames.withLengthPrefix(body)); }

  static ByteBuf reply(int xid, long zxid, Code err, Response body) {
    JuteOutput out = new JuteOutput(64);
    ResponseCodec.writeReplyFrame(out, xid, zxid, err.value, body);
    return Unpooled.wrappedBuffer(out.array(), 0, out.size());
  }

  static ByteBuf notification(Delivery d) {
    JuteOutput out = new JuteOutput(64);
    ResponseCodec.writeNotificationFrame(out, d.zxid(), d.event());
    return Unpooled.wrappedBuffer(out.array(), 0, out.size());
  }

  /** The reply to a client's write once its txn is applied. */
  static ByteBuf forWrite(int xid, int opCode, long zxid, Txn txn, ApplyResult r) {
    if (opCode == OpCode.MULTI) {
      if (txn instanceof Txn.Error e) return reply(xid, zxid, Code.of(e.err()), new Response.Empty());
      return reply(xid, zxid, Code.OK, new Response.Multi(r.multiResults()));
    }
    if (r.err() != Code.OK) return reply(xid, zxid, r.err(), new Response.Empty());
    Response body = switch (opCode) {
      case OpCode.CREATE -> new Response.Create(r.path());
      case OpCode.CREATE2, OpCode.CREATE_CONTAINER, OpCode.CREATE_TTL -> new Response.Create2(r.path(), r.stat());
      case OpCode.SET_DATA, OpCode.SET_ACL, OpCode.CHECK -> new Response.StatOnly(r.stat());
      default -> new Response.Empty();
    };
    return reply(xid, zxid, Code.OK, body);
  }
}
