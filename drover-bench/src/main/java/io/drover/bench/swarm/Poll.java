package io.drover.bench.swarm;

import java.io.IOException;
import java.time.Duration;

/** Polls a condition until it holds, failing with a description after a timeout. */
final class Poll {
  static final Duration INTERVAL = Duration.ofMillis(100);

  @FunctionalInterface
  interface Condition {
    boolean holds() throws IOException, InterruptedException;
  }

  /** The condition did not hold within the timeout. */
  static final class TimedOut extends IOException {
    TimedOut(String message) { super(message); }
  }

  private Poll() {}

  static void until(String what, Duration timeout, Condition condition) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) throw new TimedOut("gave up after " + timeout.toSeconds() + " s: " + what);
      Thread.sleep(INTERVAL);
    }
  }
}
