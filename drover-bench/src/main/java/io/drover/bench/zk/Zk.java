package io.drover.bench.zk;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;

/** Small helpers over the real ZooKeeper client shared by the load generator and the heap probe. */
final class Zk {
  private Zk() {}

  /** Opens a session and waits (bounded by the session timeout) until it is connected. */
  static ZooKeeper connect(String connectString, int sessionTimeoutMs) throws IOException, InterruptedException {
    CountDownLatch connected = new CountDownLatch(1);
    ZooKeeper zk = new ZooKeeper(connectString, sessionTimeoutMs, event -> {
      if (event.getState() == Watcher.Event.KeeperState.SyncConnected) connected.countDown();
    });
    if (!connected.await(sessionTimeoutMs, TimeUnit.MILLISECONDS)) {
      zk.close();
      throw new IOException("no session with " + connectString + " within " + sessionTimeoutMs + " ms");
    }
    return zk;
  }

  static String suffix(int i) {
    return String.format("%06d", i);
  }

  /**
   * Creates {@code prefix + suffix(i)} for i in [0, count) with {@code data}, pipelined with at most
   * {@code maxOutstanding} creates in flight. Throws on the first failure, after all have completed.
   */
  static void createMany(ZooKeeper zk, String prefix, int count, byte[] data, int maxOutstanding)
      throws InterruptedException, KeeperException {
    Semaphore permits = new Semaphore(maxOutstanding);
    AtomicInteger firstError = new AtomicInteger(KeeperException.Code.OK.intValue());
    AtomicReference<String> failedPath = new AtomicReference<>();
    for (int i = 0; i < count; i++) {
      permits.acquire();
      zk.create(prefix + suffix(i), data, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT,
          (rc, path, ctx, name) -> {
            if (rc != KeeperException.Code.OK.intValue() && firstError.compareAndSet(KeeperException.Code.OK.intValue(), rc)) {
              failedPath.set(path);
            }
            permits.release();
          }, null);
    }
    if (!permits.tryAcquire(maxOutstanding, 60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("creates under " + prefix + " did not complete within 60 s");
    }
    if (firstError.get() != KeeperException.Code.OK.intValue()) {
      throw KeeperException.create(KeeperException.Code.get(firstError.get()), failedPath.get());
    }
  }
}
