package io.drover.scheduler.client;

import io.drover.master.ha.MasterDetector;
import io.drover.master.ha.ZkClients;
import io.drover.master.ha.ZkUrl;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader detected through ZooKeeper: the lowest {@code json.info_} znode under the URL's path
 * ({@link MasterDetector}). Owns its Curator client.
 */
final class ZkMasterLocator implements MasterLocator {
  private static final Logger log = LoggerFactory.getLogger(ZkMasterLocator.class);

  private final ZkUrl url;
  private final CuratorFramework client;
  private final MasterDetector detector;
  private final Object lock = new Object();
  private volatile Consumer<Optional<URI>> listener = u -> { };
  private volatile boolean closed;

  ZkMasterLocator(ZkUrl url, Duration sessionTimeout) {
    this.url = url;
    this.client = ZkClients.newClient(url, sessionTimeout);
    client.start();
    this.detector = new MasterDetector(client, url.path());
    detector.addListener(this::changed);
    detector.start();
  }

  private void changed(Optional<MasterDetector.Leader> leader) {
    synchronized (lock) {
      lock.notifyAll();
    }
    listener.accept(leader.map(l -> MasterLocator.endpointOf(l.info())));
  }

  @Override public Optional<URI> awaitLeader(long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
    synchronized (lock) {
      while (!closed) {
        Optional<MasterDetector.Leader> leader = detector.leader();
        if (leader.isPresent()) return Optional.of(MasterLocator.endpointOf(leader.get().info()));
        long remainingMs = (deadline - System.nanoTime()) / 1_000_000L;
        if (remainingMs <= 0) return Optional.empty();
        lock.wait(remainingMs);
      }
    }
    return Optional.empty();
  }

  @Override public void onLeaderChange(Consumer<Optional<URI>> listener) { this.listener = listener; }

  @Override public void close() {
    closed = true;
    synchronized (lock) {
      lock.notifyAll();
    }
    try {
      detector.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.warn("interrupted while stopping master detection under {}", url);
    } finally {
      client.close();
    }
  }

  @Override public String toString() { return url.toString(); }
}
