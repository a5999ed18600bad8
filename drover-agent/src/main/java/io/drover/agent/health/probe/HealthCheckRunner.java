package io.drover.agent.health.probe;

import io.drover.agent.health.HealthCheckSpec;
import io.drover.agent.health.HealthChecker;
import io.drover.agent.health.HealthReport;
import io.drover.agent.health.ProbeResult;
import io.drover.common.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one task's health check: a virtual thread that waits until the {@link HealthChecker} says a probe is due, runs
 * the {@link Probe}, feeds the result back and hands every {@link HealthReport} to the listener. Time is the clock's
 * monotonic milliseconds; the checker's start is when {@link #start} is called (the task became running).
 *
 * <p>The listener runs on the runner's thread and should only post the report to the agent's event loop. A listener
 * that throws is logged and the runner keeps going: one bad report must not end health checking.
 * {@link #close()} stops the runner, killing a command probe in flight, waits for its thread to end and closes the
 * probe, which the runner owns.
 */
public final class HealthCheckRunner implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HealthCheckRunner.class);
  private static final long STOP_WAIT_MS = 5_000;

  /** Receives the health changes of one task. */
  @FunctionalInterface
  public interface Listener {
    void onHealthReport(String taskId, HealthReport report);
  }

  private final String taskId;
  private final HealthChecker checker;
  private final Probe probe;
  private final Clock clock;
  private final Listener listener;
  private final Thread thread;
  private volatile boolean stopped;
  private volatile int probesRun;

  private HealthCheckRunner(String taskId, HealthCheckSpec spec, Probe probe, Clock clock, Listener listener) {
    this.taskId = taskId;
    this.checker = new HealthChecker(spec, clock.monoMillis());
    this.probe = probe;
    this.clock = clock;
    this.listener = listener;
    this.thread = Thread.ofVirtual().name("health-check-" + taskId).unstarted(this::loop);
  }

  /** Starts checking {@code taskId} now, the first probe {@code spec.delayMs()} from now. */
  public static HealthCheckRunner start(String taskId, HealthCheckSpec spec, Probe probe, Clock clock,
      Listener listener) {
    HealthCheckRunner runner = new HealthCheckRunner(taskId, spec, probe, clock, listener);
    runner.thread.start();
    return runner;
  }

  /** How many probes have finished; for observation and tests. */
  public int probesRun() { return probesRun; }

  public boolean isRunning() { return thread.isAlive(); }

  private void loop() {
    try {
      while (!stopped) {
        long waitMs = checker.nextProbeDueMs().orElseThrow() - clock.monoMillis();
        if (waitMs > 0) {
          Thread.sleep(waitMs);
          continue;
        }
        checker.probeStarted(clock.monoMillis());
        ProbeResult result = probe.run(checker.spec().timeoutMs());
        Optional<HealthReport> report = checker.probeFinished(result, clock.monoMillis());
        probesRun++;
        if (stopped) return; // a report after close() would arrive for a task that is being torn down
        report.ifPresent(this::deliver);
      }
    } catch (InterruptedException e) {
      if (!stopped) log.warn("Health check of task {} interrupted without close(); stopping it", taskId, e);
    } catch (RuntimeException e) {
      log.error("Health check of task {} failed and stopped", taskId, e);
      throw e;
    }
  }

  private void deliver(HealthReport report) {
    try {
      listener.onHealthReport(taskId, report);
    } catch (RuntimeException e) {
      log.error("Health report listener failed for task {} on {}; health checking continues", taskId, report, e);
    }
  }

  /** Stops probing, waits (up to 5 s) for the runner's thread to end, then closes the probe. Idempotent. */
  @Override public void close() {
    stopped = true;
    thread.interrupt();
    try {
      if (!thread.join(java.time.Duration.ofMillis(STOP_WAIT_MS))) {
        log.warn("Health check thread of task {} did not stop within {} ms", taskId, STOP_WAIT_MS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // keep the caller's interrupt; the runner is already told to stop
    } finally {
      probe.close();
    }
  }
}
