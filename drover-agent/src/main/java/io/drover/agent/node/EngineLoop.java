package io.drover.agent.node;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task engine's one thread: everything the engine owns is touched only from here. Work from other threads is
 * posted (fire and forget; failures are logged, never thrown at the poster) or called (waited for, with a bound).
 * After {@link #stop()} posted work is dropped and calls fail.
 */
final class EngineLoop {
  private static final Logger LOG = LoggerFactory.getLogger(EngineLoop.class);
  private static final long CALL_TIMEOUT_MS = 30_000;

  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "task-engine");
    t.setDaemon(true);
    return t;
  });
  private volatile boolean stopped;

  boolean stopped() { return stopped; }

  /** Runs {@code r} on the engine thread; logged, never thrown, and dropped after stop. */
  void post(Runnable r) {
    if (stopped) {
      LOG.debug("task engine stopped; dropping an event");
      return;
    }
    try {
      executor.execute(() -> {
        try {
          r.run();
        } catch (RuntimeException e) {
          LOG.error("task engine: handling an event failed", e);
        }
      });
    } catch (RejectedExecutionException e) {
      LOG.debug("task engine stopped; dropping an event", e);
    }
  }

  /** Runs {@code c} on the engine thread and waits for its result (at most 30 s). */
  <T> T call(Callable<T> c) {
    if (stopped) {
      throw new IllegalStateException("task engine closed");
    }
    try {
      return executor.submit(c).get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the task engine", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("the task engine did not answer within " + CALL_TIMEOUT_MS + " ms", e);
    } catch (RejectedExecutionException e) {
      throw new IllegalStateException("task engine closed", e);
    }
  }

  /** Runs {@code r} on the engine thread after {@code delayMs}; failures are logged. */
  ScheduledFuture<?> schedule(Runnable r, long delayMs) {
    return executor.schedule(() -> {
      try {
        r.run();
      } catch (RuntimeException e) {
        LOG.error("task engine: a timer failed", e);
      }
    }, delayMs, TimeUnit.MILLISECONDS);
  }

  /** Stops the thread at once; pending work is dropped. */
  void stop() {
    stopped = true;
    executor.shutdownNow();
  }
}
