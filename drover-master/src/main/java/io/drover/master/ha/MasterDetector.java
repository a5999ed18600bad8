package io.drover.master.ha;

import io.drover.master.api.v1.MasterInfo;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Detects the leading master as Mesos' ZooKeeper master detector does: watches the children of the election path,
 * takes the {@code json.info_} child with the lowest sequence (other children are ignored), reads its
 * {@link MasterInfo} and tells listeners whenever the detected leader changes. Used by masters (to redirect to the
 * leader), agents and schedulers.
 *
 * <p>Contract: listeners are called on one detector thread, in order, only when the value changes (a different
 * znode, or none). An election path that does not exist yet means "no leader" and is watched until it appears. When
 * the ZooKeeper session is lost the detector reports no leader (it cannot know) and re-reads after reconnecting; a
 * mere disconnection keeps the last known leader. A leader znode whose content is not MasterInfo JSON is logged and
 * reported as no leader.
 */
public final class MasterDetector implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MasterDetector.class);

  /** The detected leader: its znode name, that name's sequence and its published MasterInfo. */
  public record Leader(String nodeName, long sequence, MasterInfo info) {
    public Leader {
      Objects.requireNonNull(nodeName, "nodeName");
      Objects.requireNonNull(info, "info");
    }
  }

  /** Receives leader changes; {@code Optional.empty()} means no leader is currently known. */
  @FunctionalInterface
  public interface Listener {
    void onLeaderChange(Optional<Leader> leader);
  }

  private final CuratorFramework client;
  private final String path;
  private final SerialExecutor executor;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final Watcher watcher = this::onWatch;
  private final ConnectionStateListener connectionListener = (c, state) -> onConnectionState(state);
  private volatile Optional<Leader> leader = Optional.empty();
  private volatile boolean started;
  private volatile boolean closed;

  /** A detector for the election under {@code path} (e.g. {@link ZkUrl#path()}); call {@link #start()}. */
  public MasterDetector(CuratorFramework client, String path) {
    this.client = Objects.requireNonNull(client, "client");
    this.path = Objects.requireNonNull(path, "path");
    this.executor = new SerialExecutor("master-detector" + path);
  }

  /** Adds a listener; it is told the current leader on the next change only (read {@link #leader()} first). */
  public void addListener(Listener listener) { listeners.add(Objects.requireNonNull(listener, "listener")); }

  public void removeListener(Listener listener) { listeners.remove(listener); }

  /** Starts watching; the first detection runs asynchronously. The client must be started. */
  public synchronized void start() {
    if (closed) throw new IllegalStateException("detector closed");
    if (started) throw new IllegalStateException("detector already started");
    started = true;
    client.getConnectionStateListenable().addListener(connectionListener);
    executor.requestRefresh(this::refresh);
  }

  /** The leader as last detected. */
  public Optional<Leader> leader() { return leader; }

  private void onWatch(WatchedEvent event) {
    if (closed || event.getType() == Watcher.Event.EventType.None) return; // connection changes come via Curator
    executor.requestRefresh(this::refresh);
  }

  private void onConnectionState(ConnectionState state) {
    if (closed) return;
    switch (state) {
      case LOST -> executor.execute(() -> update(Optional.empty()));
      case CONNECTED, RECONNECTED -> executor.requestRefresh(this::refresh);
      case SUSPENDED, READ_ONLY -> { } // keep the last known leader until the session is known lost
    }
  }

  /** Runs on the executor: re-lists the children (re-arming the watch) and reads the lowest candidate. */
  private void refresh() {
    if (closed) return;
    try {
      List<String> children;
      try {
        children = client.getChildren().usingWatcher(watcher).forPath(path);
      } catch (KeeperException.NoNodeException e) {
        // Watch for the path's creation; if it appeared in between, list again.
        if (client.checkExists().usingWatcher(watcher).forPath(path) != null) executor.requestRefresh(this::refresh);
        else update(Optional.empty());
        return;
      }
      Optional<String> lowest = ElectionNodes.lowest(children);
      if (lowest.isEmpty()) {
        update(Optional.empty());
        return;
      }
      String name = lowest.get();
      Optional<Leader> current = leader;
      if (current.isPresent() && current.get().nodeName().equals(name)) return; // znode content never changes
      byte[] data;
      try {
        data = client.getData().forPath(path + "/" + name);
      } catch (KeeperException.NoNodeException e) {
        executor.requestRefresh(this::refresh); // it left between list and read
        return;
      }
      MasterInfo info;
      try {
        info = MasterInfo.fromJson(data);
      } catch (java.io.IOException e) {
        log.error("leading master znode {}/{} does not hold MasterInfo JSON; reporting no leader", path, name, e);
        update(Optional.empty());
        return;
      }
      update(Optional.of(new Leader(name, ElectionNodes.sequence(name).orElseThrow(), info)));
    } catch (Exception e) {
      // Connection loss and the like: the RECONNECTED/LOST state change triggers the next refresh.
      log.warn("master detection under {} failed, waiting for the connection: {}", path, e.toString());
    }
  }

  private void update(Optional<Leader> next) {
    if (closed || next.equals(leader)) return;
    leader = next;
    log.info("leading master under {}: {}", path, next.map(l -> l.nodeName() + " " + l.info().pid()).orElse("none"));
    for (Listener l : listeners) {
      try {
        l.onLeaderChange(next);
      } catch (RuntimeException e) {
        log.error("master detector listener failed", e);
      }
    }
  }

  /** Stops detecting and notifying; does not close the client. */
  @Override public void close() throws InterruptedException {
    closed = true;
    client.getConnectionStateListenable().removeListener(connectionListener);
    executor.close();
  }
}
