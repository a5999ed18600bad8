package io.drover.master.ha;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon thread with a bounded queue: serializes a component's ZooKeeper reactions off the ZooKeeper event
 * thread. {@link #requestRefresh(Runnable)} coalesces: at most one refresh is queued at a time.
 */
final class SerialExecutor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);
  private static final int QUEUE_CAPACITY = 256;

  private final ThreadPoolExecutor pool;
  private final AtomicBoolean refreshQueued = new AtomicBoolean();

  SerialExecutor(String threadName) {
    pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE_CAPACITY), r -> {
      Thread t = new Thread(r, threadName);
      t.setDaemon(true);
      return t;
    });
  }

  /** Runs {@code task} after the tasks already queued; dropped (and logged) once closed. */
  void execute(Runnable task) {
    try {
      pool.execute(() -> {
        try {
          task.run();
        } catch (RuntimeException e) {
          log.error("election task failed", e);
        }
      });
    } catch (RejectedExecutionException e) {
      if (!pool.isShutdown()) throw e;
      log.debug("executor closed, dropping task");
    }
  }

  /** Queues {@code refresh} unless a refresh is already queued and not yet started. */
  void requestRefresh(Runnable refresh) {
    if (refreshQueued.compareAndSet(false, true)) {
      execute(() -> {
        refreshQueued.set(false);
        refresh.run();
      });
    }
  }

  @Override public void close() throws InterruptedException {
    pool.shutdown();
    if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
      pool.shutdownNow();
      log.warn("election executor did not stop within 5 s");
    }
  }
}
