package io.drover.master.allocator;

import java.util.HashMap;
import java.util.Map;

/** Mutable scalar quantities by resource name, in millis; the allocator's working arithmetic. */
final class Quantities {
  private Quantities() {}

  static void add(Map<String, Long> into, Map<String, Long> delta) {
    delta.forEach((k, v) -> into.merge(k, v, Long::sum));
  }

  static void subtract(Map<String, Long> from, Map<String, Long> delta) {
    delta.forEach((k, v) -> {
      long rest = from.getOrDefault(k, 0L) - v;
      if (rest < 0) throw new IllegalStateException("quantity of " + k + " would go negative: " + rest);
      if (rest == 0) from.remove(k); else from.put(k, rest);
    });
  }

  static Map<String, Long> copy(Map<String, Long> q) { return new HashMap<>(q); }
}
