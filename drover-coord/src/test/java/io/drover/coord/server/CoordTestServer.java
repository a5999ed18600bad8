package io.drover.coord.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.awaitility.Awaitility;

/** An in-process coord server on a free loopback port, for tests. */
public final class CoordTestServer implements AutoCloseable {
  private final Path dataDir;
  private final UnaryOperator<CoordConfig.Builder> settings;
  private CoordServer server;

  private CoordTestServer(Path dataDir, UnaryOperator<CoordConfig.Builder> settings) {
    this.dataDir = dataDir;
    this.settings = settings;
  }

  public static CoordTestServer start(Path dataDir) throws Exception { return start(dataDir, b -> b); }

  public static CoordTestServer start(Path dataDir, UnaryOperator<CoordConfig.Builder> settings) throws Exception {
    CoordTestServer s = new CoordTestServer(dataDir, settings);
    s.server = CoordServer.start(s.config(0));
    return s;
  }

  private CoordConfig config(int port) {
    return settings.apply(CoordConfig.builder(dataDir, port).bindAddress("127.0.0.1").tickTimeMs(500)
        .maxClientConnections(0).fourLetterWords(java.util.Set.of("*"))).build();
  }

  /** Stops and starts again on the same port and data directory (a clean restart). */
  public void restart() throws Exception {
    int port = server.clientPort();
    server.close();
    server = CoordServer.start(config(port));
  }

  public CoordServer server() { return server; }

  public String connectString() { return server.connectString(); }

  public int port() { return server.clientPort(); }

  /** A real ZooKeeper client, connected. */
  public ZooKeeper client() throws Exception { return client(null); }

  public ZooKeeper client(Watcher watcher) throws Exception { return connect(connectString(), 10_000, watcher); }

  public static ZooKeeper connect(String connectString, int timeoutMs, Watcher watcher) throws Exception {
    CountDownLatch connected = new CountDownLatch(1);
    ZooKeeper zk = new ZooKeeper(connectString, timeoutMs, e -> {
      if (e.getState() == Watcher.Event.KeeperState.SyncConnected) connected.countDown();
      if (watcher != null) watcher.process(e);
    });
    Awaitility.await("connected to " + connectString).atMost(Duration.ofSeconds(20)).until(() -> connected.getCount() == 0);
    return zk;
  }

  @Override public void close() throws Exception { server.close(); }
}
