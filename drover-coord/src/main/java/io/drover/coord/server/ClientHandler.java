package io.drover.coord.server;

import io.drover.coord.wire.ConnectCodec;
import io.drover.coord.wire.MalformedFrameException;
import io.drover.coord.wire.RequestCodec;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty side of a client connection: decodes frames into requests and posts them to the loop. A frame
 * that does not decode closes the connection (as ZooKeeper does on a marshalling error); the server and the
 * other connections carry on. Reading stops while too many requests are outstanding, which bounds the
 * work a single connection can queue.
 */
final class ClientHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(ClientHandler.class);
  private static final AtomicLong IDS = new AtomicLong(1);

  private final CoordLoop loop;
  private final int maxOutstanding;
  private Connection conn;
  private boolean connectSeen;
  private boolean fourLetterSeen;

  ClientHandler(CoordLoop loop, int maxOutstanding) {
    this.loop = loop;
    this.maxOutstanding = maxOutstanding;
  }

  @Override public void channelActive(ChannelHandlerContext ctx) {
    InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
    String ip = remote == null ? "0.0.0.0" : remote.getAddress().getHostAddress();
    conn = new Connection(IDS.getAndIncrement(), ctx.channel(), ip, String.valueOf(remote), System.currentTimeMillis());
    loop.post(new LoopEvent.Opened(conn));
    ctx.fireChannelActive();
  }

  @Override public void channelRead(ChannelHandlerContext ctx, Object msg) {
    switch ((Inbound) msg) {
      case Inbound.FourLetterWord w -> {
        fourLetterSeen = true;
        loop.post(new LoopEvent.FourLetter(conn, w.word()));
      }
      case Inbound.Frame f -> onFrame(ctx, f.payload());
    }
  }

  private void onFrame(ChannelHandlerContext ctx, byte[] payload) {
    conn.received.incrementAndGet();
    try {
      if (!connectSeen) {
        connectSeen = true;
        loop.post(new LoopEvent.Connect(conn, ConnectCodec.decodeRequest(payload)));
        return;
      }
      var packet = RequestCodec.decode(payload);
      if (conn.outstanding.incrementAndGet() >= maxOutstanding) ctx.channel().config().setAutoRead(false);
      loop.post(new LoopEvent.Packet(conn, packet, System.nanoTime()));
    } catch (MalformedFrameException e) {
      log.warn("closing {}: malformed frame: {}", conn.remote, e.getMessage());
      ctx.close();
    }
  }

  /** Called by the loop after answering; resumes reading once the backlog has halved. */
  static void answered(Connection conn, int maxOutstanding) {
    if (conn.outstanding.decrementAndGet() <= maxOutstanding / 2 && !conn.channel.config().isAutoRead()) {
      conn.channel.config().setAutoRead(true);
    }
  }

  /**
   * The client shut its sending side. After a four-letter word the loop answers and then closes the connection;
   * anything else (a ZooKeeper client leaving, a half-sent frame) closes it now, as before half-closure was allowed.
   */
  @Override public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof ChannelInputShutdownEvent) {
      if (!fourLetterSeen) ctx.close();
      return;
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override public void channelInactive(ChannelHandlerContext ctx) {
    if (conn != null) loop.post(new LoopEvent.Closed(conn));
    ctx.fireChannelInactive();
  }

  @Override public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("closing {} after {}", conn == null ? ctx.channel() : conn.remote, cause.toString());
    ctx.close();
  }
}
