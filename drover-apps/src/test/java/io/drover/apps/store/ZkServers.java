package io.drover.apps.store;

import io.drover.coord.server.CoordConfig;
import io.drover.coord.server.CoordServer;
import java.io.File;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;

/** The servers the store and election must work against: an embedded Drover coord and an embedded Apache ZooKeeper. */
public enum ZkServers {
  COORD {
    @Override public Running start(Path dir) throws Exception {
      CoordServer server = CoordServer.start(CoordConfig.builder(dir, 0).bindAddress("127.0.0.1").tickTimeMs(TICK_MS)
          .build());
      return new Running(server.connectString(), server::close);
    }
  },
  ZOOKEEPER {
    @Override public Running start(Path dir) throws Exception {
      System.setProperty("zookeeper.admin.enableServer", "false");
      System.setProperty("zookeeper.forceSync", "no");
      File d = dir.toFile();
      ZooKeeperServer zks = new ZooKeeperServer(d, d, TICK_MS);
      ServerCnxnFactory factory = ServerCnxnFactory.createFactory(new InetSocketAddress("127.0.0.1", 0), 100);
      factory.startup(zks);
      return new Running("127.0.0.1:" + factory.getLocalPort(), () -> {
        factory.shutdown();
        zks.shutdown(true);
        factory.join();
      });
    }
  };

  /** Short ticks so sessions can be short (the minimum session timeout is two ticks). */
  public static final int TICK_MS = 200;

  public abstract Running start(Path dir) throws Exception;

  /** A started server; {@link #close()} stops it (idempotent). */
  public static final class Running implements AutoCloseable {
    private final String connectString;
    private final AutoCloseable stopper;
    private final AtomicBoolean stopped = new AtomicBoolean();

    Running(String connectString, AutoCloseable stopper) {
      this.connectString = connectString;
      this.stopper = stopper;
    }

    public String connectString() { return connectString; }

    @Override public void close() throws Exception {
      if (stopped.compareAndSet(false, true)) stopper.close();
    }
  }
}
