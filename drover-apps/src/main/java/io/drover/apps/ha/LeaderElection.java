package io.drover.apps.ha;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.curator.framework.recipes.leader.Participant;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marathon's leader election (marathon.md §5, {@code CuratorElectionStream}): a Curator {@link LeaderLatch} on
 * {@code <zk path>/leader-curator} whose participant id is this instance's {@code host:port}.
 *
 * <p>Leadership is given up at once, and for good, when it can no longer be trusted: the latch reports it lost
 * (with Curator's default error policy that already happens when the connection is SUSPENDED), the session is
 * LOST, or the connection stays SUSPENDED longer than the session timeout (for clients whose error policy keeps
 * the latch across a suspension). Giving up means: listeners are told {@code deposed}, the latch is closed (our
 * latch znode goes, so the {@link #fencingNode() fence} fails), and the injected abdication action runs once —
 * Marathon exits there and relies on its supervisor to start a fresh candidate; {@link #abdicate()} does the same
 * on request ({@code DELETE /v2/leader}). A standby that loses its connection stays a candidate: the latch
 * re-contends when the client reconnects.
 *
 * <p>Listener calls and the abdication action run on Curator's threads (or the caller's, for {@link #abdicate()}),
 * serialized by this object's lock; they must not block for long.
 */
public final class LeaderElection implements Leadership, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LeaderElection.class);

  /** The latch znode under the apps ZooKeeper path. */
  public static final String LATCH_NODE = "leader-curator";

  /** Why this instance stopped leading. */
  public enum DeposedReason {
    /** {@link #abdicate()} was called. */
    ABDICATED,
    /**
     * The latch reported leadership lost: its znode vanished, the connection was suspended (default error policy), or
     * the session was lost and the latch heard it before this election's own connection listener did (Curator calls
     * connection listeners in no fixed order).
     */
    LEADERSHIP_LOST,
    /** The ZooKeeper session was lost. */
    SESSION_LOST,
    /** The connection stayed suspended longer than the session timeout. */
    SUSPENDED_TOO_LONG,
    /** {@link #close()} was called (shutdown); the abdication action does not run. */
    CLOSED
  }

  /** Told when this instance starts and stops leading. */
  public interface Listener {
    void elected();

    void deposed(DeposedReason reason);
  }

  private enum State { NOT_STARTED, CANDIDATE, LEADER, DONE }

  private final CuratorFramework client;
  private final String latchPath;
  private final String hostPort;
  private final Duration sessionTimeout;
  private final Consumer<DeposedReason> abdicationAction;
  private final LeaderLatch latch;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final ScheduledThreadPoolExecutor watchdog;
  private final ConnectionStateListener connectionListener = (c, s) -> onConnectionState(s);
  private State state = State.NOT_STARTED; // guarded by this
  private ScheduledFuture<?> suspendedTimer; // guarded by this

  /**
   * @param client a started Curator client without namespace; not closed by the election
   * @param zkPath the apps ZooKeeper path, e.g. {@code /drover/apps} (the latch lives at {@code zkPath/leader-curator})
   * @param hostPort this instance's advertised {@code host:port}: the latch id other instances proxy to
   * @param sessionTimeout how long a suspended connection is tolerated before leadership is given up
   * @param abdicationAction run once when leadership is given up for any reason but {@link DeposedReason#CLOSED}
   *     (production: exit the process; tests record the call). It runs on a Curator thread or the caller of
   *     {@link #abdicate()}: hand a {@code System.exit} to another thread so shutdown hooks that close Curator (or
   *     an HTTP handler answering {@code DELETE /v2/leader}) cannot deadlock with it
   */
  public LeaderElection(CuratorFramework client, String zkPath, String hostPort, Duration sessionTimeout,
      Consumer<DeposedReason> abdicationAction) {
    this.client = Objects.requireNonNull(client, "client");
    Objects.requireNonNull(zkPath, "zkPath");
    if (!zkPath.startsWith("/")) throw new IllegalArgumentException("zkPath must be absolute: " + zkPath);
    this.latchPath = (zkPath.endsWith("/") ? zkPath : zkPath + "/") + LATCH_NODE;
    this.hostPort = Objects.requireNonNull(hostPort, "hostPort");
    if (hostPort.isBlank()) throw new IllegalArgumentException("empty hostPort");
    this.sessionTimeout = Objects.requireNonNull(sessionTimeout, "sessionTimeout");
    this.abdicationAction = Objects.requireNonNull(abdicationAction, "abdicationAction");
    this.latch = new LeaderLatch(client, latchPath, hostPort, LeaderLatch.CloseMode.SILENT);
    this.watchdog = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "leader-election-watchdog");
      t.setDaemon(true);
      return t;
    });
    watchdog.setRemoveOnCancelPolicy(true);
  }

  public String hostPort() { return hostPort; }

  public String latchPath() { return latchPath; }

  public void addListener(Listener listener) { listeners.add(Objects.requireNonNull(listener, "listener")); }

  /** Joins the election. */
  public synchronized void start() throws Exception {
    if (state != State.NOT_STARTED) throw new IllegalStateException("election already started");
    state = State.CANDIDATE;
    latch.addListener(new LeaderLatchListener() {
      @Override public void isLeader() { onElected(); }

      @Override public void notLeader() { onNotLeader(); }
    });
    client.getConnectionStateListenable().addListener(connectionListener);
    latch.start();
  }

  @Override public synchronized boolean isLeader() { return state == State.LEADER && latch.hasLeadership(); }

  /** Whether leadership was given up or the election closed; terminal. */
  public synchronized boolean isDone() { return state == State.DONE; }

  @Override public Optional<String> leaderHostPort() {
    synchronized (this) {
      if (state == State.LEADER) return Optional.of(hostPort);
      if (state != State.CANDIDATE) return Optional.empty();
    }
    try {
      Participant leader = latch.getLeader();
      return leader.isLeader() && !leader.getId().isEmpty() ? Optional.of(leader.getId()) : Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (Exception e) {
      log.warn("cannot read the current leader from {}: {}", latchPath, e.toString());
      return Optional.empty();
    }
  }

  /**
   * This instance's latch znode while it leads, for the state store's fencing check
   * ({@code Fence fence = election::fencingNode}); empty otherwise.
   */
  public synchronized Optional<String> fencingNode() {
    return isLeader() ? Optional.ofNullable(latch.getOurPath()) : Optional.empty();
  }

  /**
   * Gives up leadership ({@code DELETE /v2/leader}): listeners, latch closed, abdication action. Answers whether this
   * instance was leading; a standby is left alone.
   */
  public boolean abdicate() {
    synchronized (this) {
      if (state != State.LEADER) return false;
    }
    giveUp(DeposedReason.ABDICATED);
    return true;
  }

  /** Leaves the election (shutdown): a leader is told {@code deposed(CLOSED)}; the abdication action does not run. */
  @Override public void close() throws InterruptedException {
    giveUp(DeposedReason.CLOSED);
    watchdog.shutdownNow();
    if (!watchdog.awaitTermination(5, TimeUnit.SECONDS)) log.warn("leader election watchdog did not stop");
  }

  private synchronized void onElected() {
    if (state != State.CANDIDATE) return;
    state = State.LEADER;
    log.info("{} elected leader under {}", hostPort, latchPath);
    for (Listener l : listeners) {
      try {
        l.elected();
      } catch (RuntimeException e) {
        log.error("leader election listener failed on elected", e);
      }
    }
  }

  private void onNotLeader() {
    synchronized (this) {
      if (state != State.LEADER) return;
    }
    giveUp(DeposedReason.LEADERSHIP_LOST);
  }

  private void onConnectionState(ConnectionState s) {
    synchronized (this) {
      if (state != State.LEADER) return;
      switch (s) {
        case SUSPENDED -> {
          if (suspendedTimer == null) {
            suspendedTimer = watchdog.schedule(() -> suspendedTooLong(), sessionTimeout.toMillis(),
                TimeUnit.MILLISECONDS);
          }
          return;
        }
        case RECONNECTED, CONNECTED -> {
          if (suspendedTimer != null) suspendedTimer.cancel(false);
          suspendedTimer = null;
          return;
        }
        case LOST -> { }
        case READ_ONLY -> {
          return;
        }
      }
    }
    giveUp(DeposedReason.SESSION_LOST);
  }

  private void suspendedTooLong() {
    synchronized (this) {
      if (state != State.LEADER || suspendedTimer == null) return;
    }
    giveUp(DeposedReason.SUSPENDED_TOO_LONG);
  }

  /** Terminal: runs at most once. Listeners first, then the latch, then the abdication action. */
  private synchronized void giveUp(DeposedReason reason) {
    if (state == State.DONE) return;
    boolean wasLeader = state == State.LEADER;
    boolean started = state != State.NOT_STARTED;
    state = State.DONE;
    if (suspendedTimer != null) suspendedTimer.cancel(false);
    suspendedTimer = null;
    if (wasLeader) {
      log.warn("{} gives up leadership: {}", hostPort, reason);
      for (Listener l : listeners) {
        try {
          l.deposed(reason);
        } catch (RuntimeException e) {
          log.error("leader election listener failed on deposed", e);
        }
      }
    }
    if (started) {
      client.getConnectionStateListenable().removeListener(connectionListener);
      try {
        latch.close();
      } catch (IOException | IllegalStateException e) {
        log.warn("closing the leader latch failed (its znode goes with the session): {}", e.toString());
      }
    }
    if (wasLeader && reason != DeposedReason.CLOSED) abdicationAction.accept(reason);
  }
}
