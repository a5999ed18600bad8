package io.drover.cli.zk;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.server.DataTree;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;

/** A real Apache ZooKeeper server on a free loopback port, data under a test's temp dir. */
final class EmbeddedZooKeeper implements AutoCloseable {
  private final ZooKeeperServer server;
  private final ServerCnxnFactory factory;

  EmbeddedZooKeeper(Path dataDir) throws IOException, InterruptedException {
    server = new ZooKeeperServer(dataDir.resolve("snap").toFile(), dataDir.resolve("log").toFile(), 500);
    factory = ServerCnxnFactory.createFactory(new InetSocketAddress("127.0.0.1", 0), 100);
    factory.startup(server);
  }

  /** The server's own tree, to check what clients cannot see (containers and TTL nodes look persistent to them). */
  DataTree dataTree() { return server.getZKDatabase().getDataTree(); }

  String connectString() { return "127.0.0.1:" + factory.getLocalPort(); }

  /** A connected client for setting up and checking state behind the CLI's back; the caller closes it. */
  ZooKeeper client() throws IOException, InterruptedException {
    CountDownLatch connected = new CountDownLatch(1);
    ZooKeeper zk = new ZooKeeper(connectString(), 30_000, e -> {
      if (e.getState() == Watcher.Event.KeeperState.SyncConnected) connected.countDown();
    });
    if (!connected.await(10, TimeUnit.SECONDS)) {
      zk.close();
      throw new IllegalStateException("embedded ZooKeeper did not accept a client at " + connectString());
    }
    return zk;
  }

  @Override public void close() {
    factory.shutdown();
    server.shutdown();
  }
}
