package io.drover.bench.master;

import java.util.Arrays;
import java.util.Collection;

/**
 * Nearest-rank percentiles of a sample of latencies in milliseconds: the q-th percentile is the smallest sample with
 * at least q of the samples at or below it (so p50 of {1, 2, 3, 4} is 2, and max is always a real sample).
 */
public record LatencySummary(int count, double p50Ms, double p90Ms, double p99Ms, double maxMs) {
  public LatencySummary {
    if (count < 1) throw new IllegalArgumentException("a summary needs at least one sample");
  }

  /** Summarises {@code samplesMs} (not modified). */
  public static LatencySummary ofMs(double[] samplesMs) {
    if (samplesMs.length == 0) throw new IllegalArgumentException("no samples to summarise");
    double[] sorted = samplesMs.clone();
    Arrays.sort(sorted);
    return new LatencySummary(sorted.length, percentile(sorted, 0.50), percentile(sorted, 0.90),
        percentile(sorted, 0.99), sorted[sorted.length - 1]);
  }

  /** Summarises {@code samplesMs}. */
  public static LatencySummary ofMs(Collection<Double> samplesMs) {
    return ofMs(samplesMs.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** The nearest-rank {@code q} quantile (0 &lt; q &le; 1) of ascending {@code sorted}. */
  static double percentile(double[] sorted, double q) {
    if (sorted.length == 0) throw new IllegalArgumentException("no samples");
    if (!(q > 0 && q <= 1)) throw new IllegalArgumentException("quantile must be in (0, 1], not " + q);
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }
}
