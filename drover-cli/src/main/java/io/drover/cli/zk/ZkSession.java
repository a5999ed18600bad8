package io.drover.cli.zk;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

/** One client session for one command: connected (or given up on) before any operation runs. */
final class ZkSession implements AutoCloseable {
  /** Long enough to ride out a leader election; a one-shot command never comes near it. */
  static final int SESSION_TIMEOUT_MS = 30_000;

  private final ZooKeeper zk;

  private ZkSession(ZooKeeper zk) { this.zk = zk; }

  /** Thrown when no server in the connection string answered within the connect timeout. */
  static final class UnreachableException extends Exception {
    UnreachableException(String message, Throwable cause) { super(message, cause); }
  }

  /**
   * Connects and waits until the session is established or {@code timeoutMs} passes.
   *
   * @param stateWatcher receives every connection-state event (type None) after the first connect, e.g.
   *     Disconnected, Expired; node events never reach it
   * @throws IllegalArgumentException if {@code server} is not a valid connection string
   */
  static ZkSession connect(String server, long timeoutMs, Watcher stateWatcher)
      throws UnreachableException, InterruptedException {
    CountDownLatch connected = new CountDownLatch(1);
    Watcher defaultWatcher = event -> {
      if (event.getType() != Watcher.Event.EventType.None) return; // node events go to their own watchers
      if (event.getState() == Watcher.Event.KeeperState.SyncConnected && connected.getCount() > 0) {
        connected.countDown();
      } else {
        stateWatcher.process(event);
      }
    };
    ZooKeeper zk;
    try {
      zk = new ZooKeeper(server, SESSION_TIMEOUT_MS, defaultWatcher);
    } catch (IOException e) {
      throw new UnreachableException(unreachable(server), e);
    }
    boolean ok = false;
    try {
      ok = connected.await(timeoutMs, TimeUnit.MILLISECONDS);
      if (!ok) throw new UnreachableException(unreachable(server), null);
      return new ZkSession(zk);
    } finally {
      if (!ok) zk.close();
    }
  }

  static String unreachable(String server) {
    return "cannot reach ZooKeeper at " + server + " — start one with ./drover up";
  }

  ZooKeeper zk() { return zk; }

  /** Closes the session: the server deletes its ephemeral nodes before this returns (when reachable). */
  @Override public void close() throws InterruptedException { zk.close(); }
}
