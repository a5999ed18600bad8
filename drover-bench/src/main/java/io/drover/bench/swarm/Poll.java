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

  private Poll() {}

  static void until(String what, Duration timeout, Condition condition) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) throw new IOException("gave up after " + timeout.toSeconds() + " s: " + what);
      Thread.sleep(INTERVAL);
    }
  }
}
