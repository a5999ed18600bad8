package io.drover.master.ha;

import io.drover.master.api.v1.MasterInfo;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A master's candidacy in the Mesos election: an ephemeral-sequential {@code <path>/json.info_<seq>} znode holding
 * its {@link MasterInfo} JSON (missing parents are created persistent); the lowest sequence leads.
 *
 * <p>Like Mesos' contender, a candidacy is never silently renewed: when the ZooKeeper session is lost (or the znode
 * disappears) the contender emits {@link CandidacyLost} and stays idle until someone calls {@link #contend()} again.
 * The caller decides — a master that was leading must exit, a follower contends again (see
 * {@link LeadershipGuard}). Session suspension and reconnection are forwarded as {@link SessionSuspended} and
 * {@link SessionReconnected}; after a reconnection within the same session the contender re-checks and, if still
 * the lowest, emits {@link Elected} again.
 *
 * <p>All events reach listeners on one contender thread, in order.
 */
public final class MasterContender implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MasterContender.class);

  /** What listeners are told, in order. */
  public sealed interface Event permits Elected, SessionSuspended, SessionReconnected, CandidacyLost {}

  /** Our znode is the lowest candidate: we lead. May repeat (e.g. re-affirmed after a reconnection). */
  public record Elected(String nodeName) implements Event {}

  /** The connection is down; the session (and our znode) may or may not survive. */
  public record SessionSuspended() implements Event {}

  /** The connection is back (after a suspension, or with a new session after {@link CandidacyLost}). */
  public record SessionReconnected() implements Event {}

  /** Our candidacy ended without {@link #withdraw()}; {@code wasLeader} says whether we were leading. */
  public record CandidacyLost(String nodeName, boolean wasLeader, Cause cause) implements Event {}

  /** Why a candidacy ended. */
  public enum Cause { SESSION_LOST, NODE_DELETED }

  @FunctionalInterface
  public interface Listener {
    void onEvent(Event event);
  }

  private final CuratorFramework client;
  private final String path;
  private final MasterInfo info;
  private final SerialExecutor executor;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final Watcher watcher = this::onWatch;
  private final ConnectionStateListener connectionListener = (c, state) -> onConnectionState(state);

  // Guarded by this.
  private String nodeName; // our candidate znode's name while contending
  private boolean leader;
  private boolean closed;

  /** A contender for the election under {@code path}; it publishes {@code info}. Call {@link #contend()}. */
  public MasterContender(CuratorFramework client, String path, MasterInfo info) {
    this.client = Objects.requireNonNull(client, "client");
    this.path = Objects.requireNonNull(path, "path");
    this.info = Objects.requireNonNull(info, "info");
    this.executor = new SerialExecutor("master-contender" + path);
    client.getConnectionStateListenable().addListener(connectionListener);
  }

  public void addListener(Listener listener) { listeners.add(Objects.requireNonNull(listener, "listener")); }

  public void removeListener(Listener listener) { listeners.remove(listener); }

  /**
   * Creates our candidate znode (blocking, with the client's retry policy) and starts watching the election; an
   * {@link Elected} event follows when it is the lowest.
   *
   * @return the created znode's name, e.g. {@code json.info_0000000000}
   * @throws IllegalStateException if already contending or closed
   * @throws Exception the ZooKeeper error if the znode could not be created (not contending then)
   */
  public String contend() throws Exception {
    synchronized (this) {
      if (closed) throw new IllegalStateException("contender closed");
      if (nodeName != null) throw new IllegalStateException("already contending as " + nodeName);
    }
    String created = client.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL_SEQUENTIAL)
        .forPath(path + "/" + ElectionNodes.PREFIX, info.toJson());
    String name = ElectionNodes.name(created);
    synchronized (this) {
      nodeName = name;
      leader = false;
    }
    log.info("contending for leadership under {} as {}", path, name);
    executor.requestRefresh(() -> check(false));
    return name;
  }

  /** Our candidate znode's name while contending. */
  public synchronized Optional<String> nodeName() { return Optional.ofNullable(nodeName); }

  /** Whether our znode is (as last checked) the lowest candidate. */
  public synchronized boolean isLeader() { return leader; }

  /** Waits until {@link #isLeader()}; returns false on timeout. */
  public synchronized boolean awaitLeadership(Duration timeout) throws InterruptedException {
    long deadlineNs = System.nanoTime() + timeout.toNanos();
    while (!leader) {
      long leftNs = deadlineNs - System.nanoTime();
      if (leftNs <= 0) return false;
      wait(Math.max(1, leftNs / 1_000_000));
    }
    return true;
  }

  /** Ends the candidacy on purpose: deletes our znode (if the session allows). No {@link CandidacyLost} follows. */
  public void withdraw() throws Exception {
    String name;
    synchronized (this) {
      name = nodeName;
      nodeName = null;
      leader = false;
      notifyAll();
    }
    if (name == null) return;
    try {
      client.delete().forPath(path + "/" + name);
    } catch (KeeperException.NoNodeException e) {
      log.debug("candidate {} already gone", name);
    }
  }

  private void onWatch(WatchedEvent event) {
    if (event.getType() == Watcher.Event.EventType.None) return;
    executor.requestRefresh(() -> check(false));
  }

  private void onConnectionState(ConnectionState state) {
    switch (state) {
      case SUSPENDED -> executor.execute(() -> emit(new SessionSuspended()));
      case LOST -> executor.execute(() -> loseCandidacy(Cause.SESSION_LOST));
      case RECONNECTED -> executor.execute(() -> {
        emit(new SessionReconnected());
        check(true);
      });
      case CONNECTED, READ_ONLY -> { }
    }
  }

  /**
   * On the executor: is our znode still there, and the lowest? Re-arms the children watch. Emits {@link Elected}
   * when we become the lowest, and again when {@code reaffirm} (after a reconnection) finds us still lowest.
   */
  private void check(boolean reaffirm) {
    String name;
    synchronized (this) {
      if (closed || nodeName == null) return;
      name = nodeName;
    }
    List<String> children;
    try {
      children = client.getChildren().usingWatcher(watcher).forPath(path);
    } catch (Exception e) {
      // Connection trouble: the LOST / RECONNECTED state change decides what happens next.
      log.warn("election check under {} failed: {}", path, e.toString());
      return;
    }
    if (!children.contains(name)) {
      loseCandidacy(Cause.NODE_DELETED);
      return;
    }
    boolean lowest = ElectionNodes.lowest(children).orElseThrow().equals(name);
    boolean wasLeader;
    synchronized (this) {
      if (!name.equals(nodeName)) return; // withdrawn or re-contended meanwhile
      wasLeader = leader;
      leader = lowest;
      notifyAll();
    }
    if (lowest && (!wasLeader || reaffirm)) {
      log.info("elected leading master under {} as {}", path, name);
      emit(new Elected(name));
    }
  }

  private void loseCandidacy(Cause cause) {
    String name;
    boolean wasLeader;
    synchronized (this) {
      if (closed || nodeName == null) return;
      name = nodeName;
      wasLeader = leader;
      nodeName = null;
      leader = false;
      notifyAll();
    }
    log.warn("lost candidacy {} under {} ({}), was leader: {}", name, path, cause, wasLeader);
    emit(new CandidacyLost(name, wasLeader, cause));
  }

  private void emit(Event event) {
    for (Listener l : listeners) {
      try {
        l.onEvent(event);
      } catch (RuntimeException e) {
        log.error("master contender listener failed on {}", event, e);
      }
    }
  }

  /** Withdraws (best effort, errors logged) and stops; does not close the client. */
  @Override public void close() throws InterruptedException {
    synchronized (this) {
      if (closed) return;
    }
    try {
      if (client.getZookeeperClient().isConnected()) withdraw();
    } catch (Exception e) {
      log.warn("could not delete candidate znode on close; it goes with the session", e);
    }
    synchronized (this) {
      closed = true;
      nodeName = null;
      leader = false;
      notifyAll();
    }
    client.getConnectionStateListenable().removeListener(connectionListener);
    executor.close();
  }
}
