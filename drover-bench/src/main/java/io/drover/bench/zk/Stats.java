package io.drover.bench.zk;

import java.util.List;

/** Order statistics for the few figures a report summarises. */
final class Stats {
  private Stats() {}

  /** The median (mean of the middle two for an even count); NaN for no values. NaN inputs are ignored. */
  static double median(List<Double> values) {
    List<Double> sorted = values.stream().filter(v -> !v.isNaN()).sorted().toList();
    int n = sorted.size();
    if (n == 0) return Double.NaN;
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
  }
}
