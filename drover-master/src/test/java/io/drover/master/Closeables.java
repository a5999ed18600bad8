package io.drover.master;

import java.util.ArrayDeque;
import java.util.Deque;

/** What a test started, closed in reverse order; every close runs, the first failure is thrown with the rest suppressed. */
public final class Closeables implements AutoCloseable {
  private final Deque<AutoCloseable> started = new ArrayDeque<>();

  public <T extends AutoCloseable> T track(T c) {
    started.push(c);
    return c;
  }

  @Override public void close() throws Exception {
    Exception first = null;
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        if (first == null) first = e;
        else first.addSuppressed(e);
      }
    }
    if (first != null) throw first;
  }
}
