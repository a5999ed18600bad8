package io.drover.it.jepsen;

import java.util.ArrayList;
import java.util.List;

/** A thread-safe, bounded record of operations as clients complete them. */
final class History {
  private final int maxOps;
  private final List<Op> ops = new ArrayList<>();

  History(int maxOps) { this.maxOps = maxOps; }

  synchronized void add(Op op) {
    if (ops.size() >= maxOps) throw new IllegalStateException("history exceeds its bound of " + maxOps + " operations");
    ops.add(op);
  }

  synchronized List<Op> snapshot() { return List.copyOf(ops); }
}
