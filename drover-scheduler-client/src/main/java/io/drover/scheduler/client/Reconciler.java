package io.drover.scheduler.client;

import io.drover.common.random.Rng;
import io.drover.common.time.Clock;
import io.drover.master.api.v1.Call;
import io.drover.master.api.v1.TaskID;
import io.drover.master.api.v1.TaskStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconciliation algorithm of the Mesos reconciliation guide: note the start time; send an explicit RECONCILE
 * for every task still pending; drop a task from the pending set once an update for it <em>arrives</em> after the
 * start (arrival by this process' clock — status timestamps come from other machines' clocks); while tasks remain,
 * wait with truncated exponential backoff and send again for the rest. When none remain, one implicit RECONCILE
 * (empty list) asks the master for every task it knows, so tasks the framework forgot show up too.
 *
 * <p>The scheduler must forward every status to {@link #onUpdate} (any thread; typically from
 * {@link Scheduler#update}). A RECONCILE that fails (not subscribed, rejected) is simply retried at the next backoff
 * step. At most {@link #MAX_ROUNDS} rounds run at once; each runs on its own virtual thread.
 */
public final class Reconciler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
  public static final int MAX_ROUNDS = 16;
  /** Mesos' reconciliation guide suggests retrying after seconds, not milliseconds: the master answers fast. */
  public static final Backoff DEFAULT_BACKOFF = new Backoff(java.time.Duration.ofSeconds(5),
      java.time.Duration.ofMinutes(1), 2.0);

  private final SchedulerClient client;
  private final Clock clock;
  private final Rng rng;
  private final Backoff backoff;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final List<Round> rounds = new ArrayList<>(); // guarded by lock
  private boolean closed; // guarded by lock

  private final class Round {
    final long startNanos;
    final Map<TaskID, Call.ReconcileTask> pending = new LinkedHashMap<>(); // guarded by lock
    final CompletableFuture<Void> done = new CompletableFuture<>();

    Round(long startNanos, Collection<Call.ReconcileTask> tasks) {
      this.startNanos = startNanos;
      for (Call.ReconcileTask t : tasks) pending.put(Objects.requireNonNull(t.taskId(), "taskId"), t);
    }
  }

  /** @param rng used under this reconciler's lock only, so it may be a dedicated, non-thread-safe one */
  public Reconciler(SchedulerClient client, Clock clock, Rng rng, Backoff backoff) {
    this.client = Objects.requireNonNull(client, "client");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.rng = Objects.requireNonNull(rng, "rng");
    this.backoff = Objects.requireNonNull(backoff, "backoff");
  }

  /**
   * Reconciles {@code tasks} (non-terminal ones the framework believes exist; an empty collection goes straight to
   * the implicit step). The future completes once every task had a newer update and the implicit RECONCILE was
   * accepted; it fails if the reconciler is closed first.
   *
   * @throws IllegalStateException if {@link #MAX_ROUNDS} rounds are already running
   */
  public CompletableFuture<Void> reconcile(Collection<Call.ReconcileTask> tasks) {
    Round round;
    lock.lock();
    try {
      if (closed) return CompletableFuture.failedFuture(new IllegalStateException("reconciler closed"));
      if (rounds.size() >= MAX_ROUNDS) {
        throw new IllegalStateException(MAX_ROUNDS + " reconciliations already running; wait for one to finish");
      }
      round = new Round(clock.monoNanos(), tasks);
      rounds.add(round);
    } finally {
      lock.unlock();
    }
    Thread.ofVirtual().name("drover-reconciler").start(() -> run(round));
    return round.done.copy();
  }

  /** Records an update's arrival: it settles its task in every round that started before now. */
  public void onUpdate(TaskStatus status) {
    long arrival = clock.monoNanos();
    lock.lock();
    try {
      for (Round r : rounds) {
        if (arrival - r.startNanos >= 0 && r.pending.remove(status.taskId()) != null && r.pending.isEmpty()) {
          changed.signalAll();
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private void run(Round round) {
    try {
      int attempt = 0;
      while (true) {
        List<Call.ReconcileTask> remaining;
        long delayMs;
        lock.lock();
        try {
          if (closed) throw new IllegalStateException("reconciler closed");
          remaining = List.copyOf(round.pending.values());
          delayMs = backoff.delayMs(attempt, rng);
        } finally {
          lock.unlock();
        }
        if (remaining.isEmpty()) break;
        sendQuietly(remaining);
        attempt = Math.min(attempt + 1, 30);
        lock.lock();
        try {
          long waitNanos = TimeUnit.MILLISECONDS.toNanos(delayMs);
          while (!closed && !round.pending.isEmpty() && waitNanos > 0) waitNanos = changed.awaitNanos(waitNanos);
        } finally {
          lock.unlock();
        }
        if (!round.pending.isEmpty()) log.info("reconciliation: {} task(s) still without a newer update", sizeOf(round));
      }
      // Explicit part done; ask for everything the master knows, retrying until it is accepted.
      for (int implicitAttempt = 0; ; implicitAttempt = Math.min(implicitAttempt + 1, 30)) {
        if (sendQuietly(List.of())) break;
        lock.lock();
        try {
          if (closed) throw new IllegalStateException("reconciler closed");
          long waitNanos = TimeUnit.MILLISECONDS.toNanos(backoff.delayMs(implicitAttempt, rng));
          while (!closed && waitNanos > 0) waitNanos = changed.awaitNanos(waitNanos);
        } finally {
          lock.unlock();
        }
      }
      round.done.complete(null);
    } catch (InterruptedException e) {
      round.done.completeExceptionally(e);
    } catch (RuntimeException e) {
      round.done.completeExceptionally(e);
    } finally {
      lock.lock();
      try {
        rounds.remove(round);
      } finally {
        lock.unlock();
      }
    }
  }

  private int sizeOf(Round round) {
    lock.lock();
    try {
      return round.pending.size();
    } finally {
      lock.unlock();
    }
  }

  /** Sends one RECONCILE and waits for the answer (bounded); a failure is logged and reported as false. */
  private boolean sendQuietly(List<Call.ReconcileTask> tasks) throws InterruptedException {
    try {
      client.reconcile(tasks).get(1, TimeUnit.MINUTES);
      return true;
    } catch (ExecutionException e) {
      log.info("RECONCILE of {} task(s) not sent/accepted, will retry: {}", tasks.size(), e.getCause().toString());
    } catch (TimeoutException e) {
      log.info("RECONCILE of {} task(s) not answered within a minute, will retry", tasks.size());
    }
    return false;
  }

  /** Stops every round; their futures fail. */
  @Override public void close() {
    lock.lock();
    try {
      closed = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
