package io.drover.coord.server;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TCP between the servers of an ensemble, on the two ports of each {@code --peers} entry: {@link Port#ELECTION} for
 * leader election notifications, {@link Port#QUORUM} for everything else (ZooKeeper's 3888 and 2888).
 *
 * <p>Each server listens on its own two ports and connects out to every other server's two ports; it sends on its
 * outbound connections and receives on inbound ones, so each direction of each pair is one TCP stream: messages
 * between two servers on one port arrive in order, without duplicates, until the connection breaks. An outbound
 * connection starts with the sender's server id (8 bytes); every message is a 4-byte length and the bytes.
 *
 * <p>What this class promises the Zab core, and no more: a message is delivered at most once, in order per
 * (sender, port), and it may be lost when a connection breaks; {@link Listener#disconnected} then tells the sender's
 * side. A dropped outbound connection is redialled every {@link #RECONNECT_MS}. Sends never block: a connection whose
 * unsent bytes exceed {@link #MAX_PENDING_BYTES} (a peer that stopped reading) is closed, which the core handles like
 * any other loss.
 *
 * <p>Listener callbacks run on Netty threads; the server posts them to its loop.
 */
public final class PeerTransport implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PeerTransport.class);
  /** Largest message: a SNAP of a large tree travels as one. */
  public static final int MAX_MESSAGE_BYTES = 512 << 20;
  static final int MAX_PENDING_BYTES = 64 << 20;
  static final long RECONNECT_MS = 200;
  /** How long a broken outbound connection's report waits for the peer's inbound connection to end too. */
  static final long INBOUND_GRACE_MS = 200;
  private static final int CONNECT_TIMEOUT_MS = 2_000;

  /** Which of a peer's two ports a message travels on. */
  public enum Port { ELECTION, QUORUM }

  /** What arrives; called on Netty threads. */
  public interface Listener {
    void received(long fromId, Port port, byte[] message);

    /** The outbound connection to {@code peerId} on {@code port} broke or could not be made; messages may be lost. */
    void disconnected(long peerId, Port port);
  }

  private final long myId;
  private final Peers peers;
  private final Listener listener;
  private final EventLoopGroup group;
  private final List<Channel> servers = new ArrayList<>();
  /** Current outbound channel per (peer, port); null while (re)connecting. Guarded by this. */
  private final Map<Long, Map<Port, Channel>> outbound = new HashMap<>();
  private final List<Channel> inbound = new ArrayList<>();
  /** Channels written to since the last {@link #flush()}. */
  private final Set<Channel> unflushed = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private PeerTransport(long myId, Peers peers, String bindAddress, Listener listener) throws IOException {
    this.myId = myId;
    this.peers = peers;
    this.listener = listener;
    boolean epoll = Epoll.isAvailable();
    group = epoll ? new EpollEventLoopGroup(2) : new NioEventLoopGroup(2);
    Peers.Peer me = peers.require(myId);
    try {
      for (Port port : Port.values()) {
        int p = port == Port.ELECTION ? me.electionPort() : me.quorumPort();
        servers.add(new ServerBootstrap().group(group)
            .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new ChannelInitializer<SocketChannel>() {
              @Override protected void initChannel(SocketChannel ch) {
                synchronized (PeerTransport.this) {
                  inbound.add(ch);
                }
                ch.closeFuture().addListener(f -> {
                  synchronized (PeerTransport.this) {
                    inbound.remove(ch);
                  }
                });
                Inbound in = new Inbound(port);
                ch.pipeline().addLast(new Hello(in), new LengthFieldBasedFrameDecoder(MAX_MESSAGE_BYTES + 4, 0, 4, 0, 4),
                    in);
              }
            })
            .bind(bindAddress, p).sync().channel());
      }
    } catch (RuntimeException | InterruptedException e) {
      close();
      if (e instanceof InterruptedException) Thread.currentThread().interrupt();
      throw new IOException("cannot listen on the quorum/election ports " + me.quorumPort() + "/"
          + me.electionPort() + " of " + bindAddress + ": " + e.getMessage(), e);
    }
    for (Peers.Peer peer : peers.all()) {
      if (peer.id() == myId) continue;
      for (Port port : Port.values()) connect(peer, port);
    }
  }

  /** Listens on {@code myId}'s two ports and starts connecting to every other peer. */
  public static PeerTransport start(long myId, Peers peers, String bindAddress, Listener listener) throws IOException {
    return new PeerTransport(myId, peers, bindAddress, listener);
  }

  /**
   * Queues {@code message} for {@code peerId} if connected; false when it was not sent (no connection right now). Any
   * message may be lost anyway; the core's own retries and timeouts cover both. Nothing leaves before {@link #flush()}:
   * the server flushes once per turn of its loop, so the proposals, acknowledgements and commits of many writes share
   * one system call per connection instead of one each.
   */
  public boolean send(long peerId, Port port, byte[] message) {
    if (message.length > MAX_MESSAGE_BYTES) {
      throw new IllegalArgumentException("message of " + message.length + " bytes exceeds " + MAX_MESSAGE_BYTES);
    }
    synchronized (this) {
      if (partitioned.contains(peerId)) return true; // lost on the way, as in a partition
    }
    Channel ch = outboundChannel(peerId, port);
    if (ch == null || !ch.isActive()) return false;
    if (pendingBytes(ch) > MAX_PENDING_BYTES) {
      log.warn("server {} does not read its {} connection ({} bytes unsent); closing it", peerId, port,
          pendingBytes(ch));
      ch.close();
      return false;
    }
    ch.write(Unpooled.wrappedBuffer(message), ch.voidPromise());
    unflushed.add(ch);
    return true;
  }

  /** Whether the outbound connection to {@code peerId} on {@code port} is up (a partitioned peer's counts as up). */
  public boolean connected(long peerId, Port port) {
    Channel ch = outboundChannel(peerId, port);
    return ch != null && ch.isActive();
  }

  private synchronized Channel outboundChannel(long peerId, Port port) {
    Map<Port, Channel> byPort = outbound.get(peerId);
    return byPort == null ? null : byPort.get(port);
  }

  /** Sends everything {@link #send} queued since the last flush. */
  public void flush() {
    for (var it = unflushed.iterator(); it.hasNext(); ) {
      Channel ch = it.next();
      it.remove();
      ch.flush();
    }
  }

  private static long pendingBytes(Channel ch) {
    return ch.unsafe().outboundBuffer() == null ? 0 : ch.unsafe().outboundBuffer().totalPendingWriteBytes();
  }

  private void connect(Peers.Peer peer, Port port) {
    if (closed) return;
    int p = port == Port.ELECTION ? peer.electionPort() : peer.quorumPort();
    Bootstrap b = new Bootstrap().group(group)
        .channel(Epoll.isAvailable() ? EpollSocketChannel.class : NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MS)
        .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1 << 20, 8 << 20))
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new Discard());
          }
        });
    ChannelFuture f = b.connect(peer.host(), p);
    f.addListener(done -> {
      if (!done.isSuccess()) {
        retry(peer, port);
        return;
      }
      Channel ch = f.channel();
      // The hello goes out raw; every later write gets its length prefix. (This listener runs on the channel's event
      // loop, so no message can slip in between.)
      ch.writeAndFlush(Unpooled.buffer(8).writeLong(myId));
      ch.pipeline().addFirst(new LengthFieldPrepender(4));
      synchronized (this) {
        if (closed) {
          ch.close();
          return;
        }
        outbound.computeIfAbsent(peer.id(), k -> new HashMap<>()).put(port, ch);
      }
      ch.closeFuture().addListener(c -> {
        boolean report;
        synchronized (this) {
          Map<Port, Channel> byPort = outbound.get(peer.id());
          if (byPort != null && byPort.get(port) == ch) byPort.remove(port);
          // A connection this side dropped on purpose (drop) is not reported back.
          report = !dropped.remove(ch);
          if (report) breaks.computeIfAbsent(peer.id(), k -> new long[Port.values().length])[port.ordinal()]++;
        }
        if (!closed && report) reportAfterInbound(peer.id(), port, inboundFrom(peer.id(), port));
        retry(peer, port);
      });
    });
  }

  /**
   * Reports a broken outbound connection once the peer's inbound connections on that port have closed too, or after
   * {@link #INBOUND_GRACE_MS}. A peer that dies closes both directions at once, and the two closes are seen on
   * different threads: reported first, the break would send a learner looking for a leader before it had read the
   * last proposals its leader sent, and those would be lost with it. Netty reads a connection to its end before
   * closing it, so whatever the peer sent is posted before the break. (ZooKeeper's one socket per pair gives this
   * order by itself.)
   */
  private void reportAfterInbound(long peerId, Port port, List<Channel> inbound) {
    List<Channel> open = inbound.stream().filter(Channel::isActive).toList();
    if (open.isEmpty()) {
      listener.disconnected(peerId, port);
      return;
    }
    AtomicBoolean reported = new AtomicBoolean();
    AtomicInteger left = new AtomicInteger(open.size());
    Runnable report = () -> {
      if (reported.compareAndSet(false, true) && !closed) listener.disconnected(peerId, port);
    };
    for (Channel in : open) {
      in.closeFuture().addListener(f -> {
        if (left.decrementAndGet() == 0) report.run();
      });
    }
    if (!group.isShuttingDown()) group.schedule(report, INBOUND_GRACE_MS, TimeUnit.MILLISECONDS);
  }

  private void retry(Peers.Peer peer, Port port) {
    if (closed || group.isShuttingDown()) return;
    group.schedule(() -> connect(peer, port), RECONNECT_MS, TimeUnit.MILLISECONDS);
  }

  /** Reported breaks of outbound connections per peer and port. Guarded by this. */
  private final Map<Long, long[]> breaks = new HashMap<>();

  /**
   * How many times the outbound connection to {@code peerId} on {@code port} broke (each break is reported to the
   * listener once, after this count rises). A sender that has processed fewer reports than this must not send: a
   * message on the new connection could follow messages lost with the old one.
   */
  public synchronized long breaks(long peerId, Port port) {
    long[] b = breaks.get(peerId);
    return b == null ? 0 : b[port.ordinal()];
  }

  /** Identified inbound channels per peer and port. Guarded by this. */
  private final Map<Long, Map<Port, Set<Channel>>> inboundByPeer = new HashMap<>();

  /** Outbound channels closed by {@link #drop}: their close is not reported. Guarded by this. */
  private final Set<Channel> dropped = new HashSet<>();

  /**
   * Closes the outbound connection to {@code peerId} on {@code port} WITHOUT reporting {@link Listener#disconnected}
   * for it (the caller already knows), and the peer's inbound connections on that port (the peer sees its own
   * connection break). Both are redialled. Messages sent before may be lost.
   */
  public void drop(long peerId, Port port) {
    Channel ch;
    synchronized (this) {
      Map<Port, Channel> byPort = outbound.get(peerId);
      ch = byPort == null ? null : byPort.remove(port);
      if (ch != null) dropped.add(ch);
    }
    if (ch != null) ch.close();
    // The peer's own connection to us closes too, so it learns at once (as with ZooKeeper's single socket).
    inboundFrom(peerId, port).forEach(Channel::close);
  }

  /** The connections {@code peerId} opened to this server on {@code port} (normally one). */
  private synchronized List<Channel> inboundFrom(long peerId, Port port) {
    Map<Port, Set<Channel>> byPort = inboundByPeer.get(peerId);
    return byPort == null || !byPort.containsKey(port) ? List.of() : List.copyOf(byPort.get(port));
  }

  /** Peers cut off by {@link #partition} (fault injection in tests). Guarded by this. */
  private final Set<Long> partitioned = new HashSet<>();

  /**
   * Fault injection for tests: from now on every message to and from these peers is silently lost while the
   * connections stay up, as in a network partition. {@link #heal} ends it.
   */
  synchronized void partition(Collection<Long> peerIds) { partitioned.addAll(peerIds); }

  /**
   * Ends a {@link #partition}: the connections with the cut-off peers break (reported, then redialled), as TCP
   * connections across a partition eventually do, so no stream resumes after a silent gap.
   */
  void heal() {
    List<Channel> doomed = new ArrayList<>();
    synchronized (this) {
      for (long id : partitioned) {
        Map<Port, Channel> out = outbound.get(id);
        if (out != null) doomed.addAll(out.values());
        Map<Port, Set<Channel>> in = inboundByPeer.get(id);
        if (in != null) in.values().forEach(doomed::addAll);
      }
    }
    // Closed before messages flow again; redials come RECONNECT_MS later, on fresh streams.
    doomed.forEach(ch -> ch.close().awaitUninterruptibly());
    synchronized (this) {
      partitioned.clear();
    }
  }

  @Override public void close() {
    closed = true;
    List<Channel> all = new ArrayList<>(servers);
    synchronized (this) {
      outbound.values().forEach(m -> all.addAll(m.values()));
      outbound.clear();
      all.addAll(inbound);
    }
    for (Channel ch : all) ch.close().awaitUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
  }

  /** The first 8 bytes of an inbound connection: the sender's server id (not length-prefixed). */
  private final class Hello extends io.netty.channel.ChannelInboundHandlerAdapter {
    private final Inbound inbound;
    private final ByteBuf id = Unpooled.buffer(8);

    Hello(Inbound inbound) {
      this.inbound = inbound;
    }

    @Override public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf in = (ByteBuf) msg;
      id.writeBytes(in, Math.min(id.writableBytes(), in.readableBytes()));
      if (id.isWritable()) {
        in.release();
        return;
      }
      long fromId = id.readLong();
      if (fromId == myId || peers.get(fromId).isEmpty()) {
        log.warn("closing a {} connection from {}: server id {} is not another member of the ensemble",
            inbound.port, ctx.channel().remoteAddress(), fromId);
        in.release();
        ctx.close();
        return;
      }
      inbound.fromId = fromId;
      Channel ch = ctx.channel();
      synchronized (PeerTransport.this) {
        inboundByPeer.computeIfAbsent(fromId, k -> new HashMap<>()).computeIfAbsent(inbound.port, k -> new HashSet<>())
            .add(ch);
      }
      ch.closeFuture().addListener(f -> {
        synchronized (PeerTransport.this) {
          Map<Port, Set<Channel>> byPort = inboundByPeer.get(fromId);
          if (byPort != null && byPort.containsKey(inbound.port)) byPort.get(inbound.port).remove(ch);
        }
      });
      ctx.pipeline().remove(this);
      if (in.isReadable()) ctx.fireChannelRead(in);
      else in.release();
    }

    @Override public void handlerRemoved(ChannelHandlerContext ctx) {
      id.release();
    }
  }

  /** An inbound connection's messages, once {@link Hello} named the sender. */
  private final class Inbound extends SimpleChannelInboundHandler<ByteBuf> {
    private final Port port;
    private long fromId = -1;

    Inbound(Port port) {
      this.port = port;
    }

    @Override protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
      synchronized (PeerTransport.this) {
        if (partitioned.contains(fromId)) return;
      }
      listener.received(fromId, port, ByteBufUtil.getBytes(frame));
    }

    @Override public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      log.debug("{} connection from server {} failed: {}", port, fromId, cause.toString());
      ctx.close();
    }
  }

  /** Outbound connections carry nothing back; anything that arrives is dropped. */
  private static final class Discard extends SimpleChannelInboundHandler<ByteBuf> {
    @Override protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {}

    @Override public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
