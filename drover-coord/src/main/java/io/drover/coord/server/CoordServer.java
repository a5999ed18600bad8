package io.drover.coord.server;

import io.drover.common.random.Rng;
import io.drover.common.time.Clock;
import io.drover.coord.session.SessionTable;
import io.drover.coord.storage.DataDir;
import io.drover.coord.storage.DataDirLock;
import io.drover.coord.storage.LogOptions;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A standalone coord server: recovers its state from the data directory, then serves the ZooKeeper client
 * protocol on the client port. Threads: Netty I/O, one event loop that owns all state, one sync thread for
 * group commit, one snapshot thread, and optionally the metrics HTTP server.
 */
public final class CoordServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CoordServer.class);
  /** ZooKeeper lets a server accept frames this much over jute.maxbuffer ({@code zookeeper.jute.maxbuffer.extrasize}). */
  private static final int MAX_BUFFER_EXTRA = 1024;

  private final CoordConfig config;
  private final CoordLoop loop;
  private final Thread loopThread;
  private final Thread syncThread;
  private final Snapshotter snapshotter;
  private final io.drover.coord.storage.TxnLog txnLog;
  private final DataDirLock dataDirLock;
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final Channel serverChannel;
  private final MetricsHttp metrics;
  private final PeerTransport transport;
  private volatile boolean closed;

  private CoordServer(CoordConfig config, Ensemble ensemble) throws IOException, InterruptedException {
    this.config = config;
    Clock clock = Clock.system();
    DataDir dataDir = new DataDir(config.dataDir());
    dataDirLock = DataDirLock.acquire(dataDir.root());
    ServerStats stats = new ServerStats(clock.monoMillis());
    LogOptions logOptions = new LogOptions(config.preAllocBytes(), config.forceSync(), config.preAllocBytes());
    try {
      snapshotter = new Snapshotter(dataDir, config.snapRetainCount());
      if (ensemble == null) {
        Snapshotter.Recovered recovered = snapshotter.recover(logOptions);
        txnLog = recovered.txnLog();
        if (!recovered.fromSnapshot() || recovered.replayed() > 0) {
          // As ZooKeeper does at start-up: a snapshot of what was recovered, so the next start replays less.
          snapshotter.take(recovered.tree().lastProcessedZxid(), recovered.sessions(), recovered.tree());
          txnLog.roll();
        }
        SessionTable sessions = Snapshotter.sessionTable(recovered.sessions(), config.tickTimeMs(), config.serverId(),
            clock.wallMillis(), clock.monoMillis());
        loop = new CoordLoop(config, clock, Rng.fromEntropy(), recovered.tree(), sessions, recovered.lastZxid(), txnLog,
            snapshotter, stats);
        transport = null;
      } else {
        EnsembleStart started = EnsembleStart.open(config, ensemble, dataDir, snapshotter, logOptions, clock, stats);
        txnLog = started.txnLog();
        loop = started.loop();
        transport = started.transport();
      }
    } catch (IOException | RuntimeException e) {
      dataDirLock.close();
      throw e;
    }
    loopThread = new Thread(loop, "coord-loop");
    syncThread = new Thread(loop.syncThread(), "coord-sync");
    loopThread.start();
    syncThread.start();

    boolean epoll = Epoll.isAvailable();
    boss = epoll ? new EpollEventLoopGroup(1) : new NioEventLoopGroup(1);
    workers = epoll ? new EpollEventLoopGroup() : new NioEventLoopGroup();
    Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    int maxFrame = config.juteMaxBuffer() + MAX_BUFFER_EXTRA;
    int maxOutstanding = config.maxOutstandingPerConnection();
    try {
      serverChannel = new ServerBootstrap()
          .group(boss, workers)
          .channel(channelType)
          .option(ChannelOption.SO_REUSEADDR, true)
          .childOption(ChannelOption.TCP_NODELAY, true)
          // A four-letter-word client may shut its sending side right after the word (echo srvr | nc -N): the
          // answer must still go out, so an input shutdown is handled by ClientHandler instead of closing at once.
          .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override protected void initChannel(SocketChannel ch) {
              ch.pipeline().addLast(new FrameDecoder(maxFrame), new ClientHandler(loop, maxOutstanding));
            }
          })
          .bind(config.bindAddress(), config.clientPort()).sync().channel();
    } catch (RuntimeException e) {
      shutdownThreads();
      throw new IOException("cannot listen on " + config.bindAddress() + ":" + config.clientPort() + ": " + e.getMessage(), e);
    }
    metrics = config.metricsPort() > 0 || config.metricsPort() == MetricsHttp.EPHEMERAL ? MetricsHttp.start(config, loop) : null;
    log.info("coord serving ZooKeeper clients on {}:{} (data in {}, tickTime {} ms, fsync {})", config.bindAddress(),
        clientPort(), config.dataDir().toAbsolutePath(), config.tickTimeMs(), config.forceSync() ? "on" : "off");
  }

  /** Recovers from {@code config.dataDir()} and starts serving. */
  public static CoordServer start(CoordConfig config) throws IOException, InterruptedException {
    return new CoordServer(config, null);
  }

  /**
   * Starts a member of a replicated ensemble: {@code config.serverId()} must be one of {@code ensemble.peers()}. It
   * serves clients once it has joined a quorum (as leader, follower or observer) and refuses them otherwise.
   */
  public static CoordServer startEnsemble(CoordConfig config, Ensemble ensemble) throws IOException, InterruptedException {
    ensemble.peers().require(config.serverId());
    return new CoordServer(config, ensemble);
  }

  public int clientPort() { return ((InetSocketAddress) serverChannel.localAddress()).getPort(); }

  /** The bound metrics port, or 0 when metrics are off. */
  public int metricsPort() { return metrics == null ? 0 : metrics.port(); }

  public String connectString() { return "127.0.0.1:" + clientPort(); }

  public CoordConfig config() { return config; }

  /** The ensemble's peer transport (fault injection in tests); null for a standalone server. */
  PeerTransport transport() { return transport; }

  /** "standalone", or in an ensemble "leader", "follower", "observer", or null while not serving; for tests. */
  public String mode() throws InterruptedException {
    java.util.concurrent.CompletableFuture<String> f = new java.util.concurrent.CompletableFuture<>();
    loop.post(new LoopEvent.Probe(l -> f.complete(l.modeName())));
    try {
      return f.get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("the coord loop did not answer", e);
    }
  }

  /** Blocks until the server stops (closed, or failed storage). Returns the failure, if any. */
  public Exception awaitTermination() throws InterruptedException {
    loopThread.join();
    return loop.failure();
  }

  @Override public void close() throws InterruptedException {
    if (closed) return;
    closed = true;
    serverChannel.close().awaitUninterruptibly();
    shutdownThreads();
    if (metrics != null) metrics.close();
    log.info("coord on port {} stopped", config.clientPort());
  }

  private void shutdownThreads() throws InterruptedException {
    if (transport != null) transport.close();
    loop.post(new LoopEvent.Shutdown());
    loopThread.join(10_000);
    loop.syncThread().stop();
    syncThread.join(10_000);
    snapshotter.close();
    try {
      txnLog.close();
    } catch (IOException e) {
      log.warn("closing the txn log failed", e);
    }
    try {
      dataDirLock.close();
    } catch (IOException e) {
      log.warn("releasing the data directory lock failed", e);
    }
    boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
  }
}
