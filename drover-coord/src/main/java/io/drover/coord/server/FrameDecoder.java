package io.drover.coord.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits the client byte stream into frames: a 4-byte big-endian length, then that many bytes. A negative
 * length or one over {@code jute.maxbuffer} closes the connection, as ZooKeeper does ("Len error"), so a
 * hostile length can never make the server allocate. If a connection's first four bytes spell a known
 * four-letter word it is passed on as such instead.
 */
final class FrameDecoder extends ByteToMessageDecoder {
  private static final Logger log = LoggerFactory.getLogger(FrameDecoder.class);
  private final int maxFrameBytes;
  private boolean first = true;

  FrameDecoder(int maxFrameBytes) { this.maxFrameBytes = maxFrameBytes; }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (!ctx.channel().isActive()) {
      in.skipBytes(in.readableBytes());
      return;
    }
    while (in.readableBytes() >= 4) {
      int at = in.readerIndex();
      if (first) {
        String word = in.toString(at, 4, StandardCharsets.US_ASCII);
        if (Inbound.KNOWN_WORDS.contains(word)) {
          in.skipBytes(in.readableBytes());
          first = false;
          out.add(new Inbound.FourLetterWord(word));
          return;
        }
      }
      int len = in.getInt(at);
      if (len < 0 || len > maxFrameBytes) {
        log.warn("closing {}: frame length {} outside [0, {}] (jute.maxbuffer)", ctx.channel().remoteAddress(), len, maxFrameBytes);
        in.skipBytes(in.readableBytes());
        ctx.close();
        return;
      }
      if (in.readableBytes() < 4 + len) return;
      in.skipBytes(4);
      byte[] payload = new byte[len];
      in.readBytes(payload);
      first = false;
      out.add(new Inbound.Frame(payload));
    }
  }
}
