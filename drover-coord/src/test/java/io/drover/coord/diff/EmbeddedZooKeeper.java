package io.drover.coord.diff;

import java.io.File;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;

/**
 * A real Apache ZooKeeper 3.9 standalone server on a free loopback port: the reference in differential tests.
 * Started without a ContainerManager (like coord with a huge container-check interval), so containers and
 * TTL nodes are never reaped during a script and both servers stay comparable.
 */
public final class EmbeddedZooKeeper implements AutoCloseable {
  public static final int TICK_TIME_MS = 500;

  static {
    // TTL nodes are "extended types": refused with UNIMPLEMENTED unless enabled before the server handles requests.
    System.setProperty("zookeeper.extendedTypesEnabled", "true");
    System.setProperty("zookeeper.admin.enableServer", "false");
    System.setProperty("zookeeper.4lw.commands.whitelist", "*");
    // Durability is not under test here; an fsync per write would make a 300-op script take seconds.
    System.setProperty("zookeeper.forceSync", "no");
  }

  private final ZooKeeperServer server;
  private final ServerCnxnFactory factory;

  private EmbeddedZooKeeper(ZooKeeperServer server, ServerCnxnFactory factory) {
    this.server = server;
    this.factory = factory;
  }

  /** Starts a fresh server whose snapshots and txn log live under {@code dataDir} (created if missing). */
  public static EmbeddedZooKeeper start(Path dataDir) throws Exception {
    File dir = dataDir.toFile();
    if (!dir.isDirectory() && !dir.mkdirs()) throw new IllegalStateException("cannot create " + dir);
    ZooKeeperServer zks = new ZooKeeperServer(dir, dir, TICK_TIME_MS);
    ServerCnxnFactory factory = ServerCnxnFactory.createFactory(new InetSocketAddress("127.0.0.1", 0), 100);
    factory.startup(zks);
    return new EmbeddedZooKeeper(zks, factory);
  }

  public int port() { return factory.getLocalPort(); }

  public String connectString() { return "127.0.0.1:" + port(); }

  public ZooKeeperServer server() { return server; }

  @Override public void close() throws Exception {
    factory.shutdown();
    server.shutdown(true);
    factory.join();
  }
}
