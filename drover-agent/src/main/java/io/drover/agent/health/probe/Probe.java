package io.drover.agent.health.probe;

import io.drover.agent.health.ProbeResult;

/** One kind of health probe, at the edge: it blocks the calling thread for at most about {@code timeoutMs}. */
public interface Probe extends AutoCloseable {
  /**
   * Runs the probe once. {@code timeoutMs == 0} means no limit. Expected failures (refused connection, bad status,
   * non-zero exit) are results, not exceptions.
   *
   * @throws InterruptedException if the calling thread is interrupted (the runner is stopping); anything the probe
   *     started (a process) has been killed by then
   */
  ProbeResult run(long timeoutMs) throws InterruptedException;

  /** Releases what the probe holds (an HTTP client); the runner calls it when it stops. */
  @Override default void close() {}
}
