package io.drover.scheduler.client;

/** How a {@link SchedulerClient} stopped: see {@link SchedulerClient#terminated()}. */
public sealed interface Termination permits Termination.Closed, Termination.Removed {
  /** {@link SchedulerClient#close()} was called. */
  record Closed() implements Termination {}

  /**
   * The framework no longer exists at the master, so resubscribing is pointless: the master sent the ERROR
   * {@code message}, or this client's TEARDOWN was accepted.
   */
  record Removed(String message) implements Termination {}
}
