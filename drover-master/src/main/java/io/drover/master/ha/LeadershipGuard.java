package io.drover.master.ha;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's leadership policy on top of a {@link MasterContender}, after Mesos: a leader whose ZooKeeper session
 * is lost (or whose znode disappears) exits non-zero rather than risk two leaders, relying on a supervisor to
 * restart it; a leader whose connection is merely suspended stops acting as leader at once (the master answers 503)
 * and resumes only once reconnected and re-confirmed as the lowest candidate; a follower that loses its candidacy
 * just contends again once connected.
 *
 * <p>{@link #next(State, MasterContender.Event)} is the pure decision table; the guard applies it to the contender's
 * events (which arrive in order on the contender's thread) and runs the exit action at most once.
 *
 * <p>Takeover delay: ZooKeeper tells the next candidate that the old leader's znode is gone at about the moment it
 * tells the old leader (if it can reach it at all) that its session is over, so with a zero delay (Mesos' behaviour)
 * the two may both act for a few milliseconds when a session is ended from outside. A positive delay makes a newly
 * elected master wait that long, and re-confirm that nothing happened meanwhile, before acting; re-confirmation of
 * a suspended leader is delayed the same way. A partitioned old leader suspends itself well before its session can
 * expire (the client's read timeout is two thirds of the session timeout), so the delay covers external kills.
 * Listeners and the exit action run with the guard's lock held, in event order.
 */
public final class LeadershipGuard implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LeadershipGuard.class);

  /** Exit status used when leadership is lost. */
  public static final int EXIT_STATUS = 1;

  /** Where the master stands. Only {@link #LEADING} may serve as leader. */
  public enum State {
    /** Candidate, not (known to be) the lowest. */
    CONTENDING,
    /** Elected and connected: acting leader. */
    LEADING,
    /** Elected but the connection is down: not acting until re-confirmed. */
    SUSPENDED_LEADER,
    /** A follower whose candidacy was lost with its session: contends again when reconnected. */
    AWAITING_RECONNECT,
    /** Leadership was lost: the exit action ran; terminal. */
    EXITED
  }

  /** What to do on a transition. */
  public enum Action { NONE, CONTEND, EXIT }

  public record Transition(State next, Action action) {
    public Transition {
      Objects.requireNonNull(next, "next");
      Objects.requireNonNull(action, "action");
    }
  }

  /** Told when the guard starts or stops acting as leader. */
  @FunctionalInterface
  public interface Listener {
    void onActingLeaderChange(boolean actingLeader);
  }

  private final MasterContender contender;
  private final IntConsumer exitAction;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final MasterContender.Listener contenderListener = this::onContenderEvent;
  private final Duration takeoverDelay;
  private final ScheduledThreadPoolExecutor scheduler;
  private State state = State.CONTENDING; // guarded by this
  private long generation; // guarded by this; bumped by every contender event

  /** A guard with no takeover delay (Mesos' behaviour). */
  public LeadershipGuard(MasterContender contender, IntConsumer exitAction) {
    this(contender, exitAction, Duration.ZERO);
  }

  /**
   * @param exitAction called at most once, with {@link #EXIT_STATUS}, when leadership is lost (production:
   *     {@code System::exit}; tests record the call)
   * @param takeoverDelay how long an election must stand unchallenged before this master acts as leader
   */
  public LeadershipGuard(MasterContender contender, IntConsumer exitAction, Duration takeoverDelay) {
    this.contender = Objects.requireNonNull(contender, "contender");
    this.exitAction = Objects.requireNonNull(exitAction, "exitAction");
    this.takeoverDelay = Objects.requireNonNull(takeoverDelay, "takeoverDelay");
    if (takeoverDelay.isNegative()) throw new IllegalArgumentException("negative takeover delay");
    scheduler = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "leadership-guard");
      t.setDaemon(true);
      return t;
    });
    scheduler.setRemoveOnCancelPolicy(true);
  }

  /** The decision table (pure). */
  public static Transition next(State state, MasterContender.Event event) {
    if (state == State.EXITED) return new Transition(State.EXITED, Action.NONE);
    boolean elected = state == State.LEADING || state == State.SUSPENDED_LEADER;
    return switch (event) {
      case MasterContender.Elected e -> new Transition(State.LEADING, Action.NONE);
      case MasterContender.SessionSuspended s ->
          new Transition(elected ? State.SUSPENDED_LEADER : state, Action.NONE);
      case MasterContender.SessionReconnected r -> state == State.AWAITING_RECONNECT
          ? new Transition(State.CONTENDING, Action.CONTEND)
          : new Transition(state, Action.NONE); // a suspended leader waits for the contender's re-check (Elected)
      case MasterContender.CandidacyLost lost -> {
        if (elected || lost.wasLeader()) yield new Transition(State.EXITED, Action.EXIT);
        yield switch (lost.cause()) {
          case SESSION_LOST -> new Transition(State.AWAITING_RECONNECT, Action.NONE);
          case NODE_DELETED -> new Transition(State.CONTENDING, Action.CONTEND);
        };
      }
    };
  }

  public void addListener(Listener listener) { listeners.add(Objects.requireNonNull(listener, "listener")); }

  /** Subscribes to the contender and contends. */
  public void start() throws Exception {
    contender.addListener(contenderListener);
    contender.contend();
  }

  public synchronized State state() { return state; }

  /** Whether this master may act as leader right now (elected, connected, not exited). */
  public synchronized boolean isActingLeader() { return state == State.LEADING; }

  /** Stops following the contender's events (does not close the contender). */
  @Override public void close() throws InterruptedException {
    contender.removeListener(contenderListener);
    scheduler.shutdownNow();
    if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) log.warn("leadership guard scheduler did not stop");
  }

  private synchronized void onContenderEvent(MasterContender.Event event) {
    long gen = ++generation;
    if (event instanceof MasterContender.Elected elected && !takeoverDelay.isZero()
        && state != State.LEADING && state != State.EXITED) {
      scheduler.schedule(() -> confirm(gen, elected), takeoverDelay.toMillis(), TimeUnit.MILLISECONDS);
      return;
    }
    apply(event);
  }

  /** After the takeover delay: act on the election only if nothing happened since and we are still the lowest. */
  private synchronized void confirm(long gen, MasterContender.Elected elected) {
    if (gen != generation || !contender.isLeader()) return;
    if (!contender.nodeName().map(elected.nodeName()::equals).orElse(false)) return;
    apply(elected);
  }

  private synchronized void apply(MasterContender.Event event) {
    boolean wasActing = state == State.LEADING;
    Transition t = next(state, event);
    state = t.next();
    boolean acting = t.next() == State.LEADING;
    if (wasActing != acting) {
      log.info("{} acting as leading master", acting ? "now" : "no longer");
      for (Listener l : listeners) {
        try {
          l.onActingLeaderChange(acting);
        } catch (RuntimeException e) {
          log.error("leadership listener failed", e);
        }
      }
    }
    switch (t.action()) {
      case NONE -> { }
      case CONTEND -> {
        try {
          contender.contend();
        } catch (Exception e) {
          log.error("could not contend again; waiting for the next reconnection", e);
          if (state == State.CONTENDING) state = State.AWAITING_RECONNECT;
        }
      }
      case EXIT -> {
        log.error("lost leadership ({}): exiting with status {} rather than risk two leaders", event, EXIT_STATUS);
        exitAction.accept(EXIT_STATUS);
      }
    }
  }
}
