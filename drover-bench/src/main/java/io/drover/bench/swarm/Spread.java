package io.drover.bench.swarm;

import java.util.Arrays;
import java.util.List;

/**
 * Median, minimum and maximum of a few repeated timings in milliseconds. The median of an even count is the mean of
 * the two middle samples.
 */
public record Spread(int count, double medianMs, double minMs, double maxMs) {
  public Spread {
    if (count < 1) throw new IllegalArgumentException("a spread needs at least one sample");
  }

  public static Spread ofMs(List<Double> samplesMs) {
    if (samplesMs.isEmpty()) throw new IllegalArgumentException("no samples");
    double[] s = samplesMs.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(s);
    int n = s.length;
    double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    return new Spread(n, median, s[0], s[n - 1]);
  }

  /** {@code this} median over {@code other}'s: the Drover/Swarm ratio when {@code this} is Drover's. */
  public double ratioTo(Spread other) {
    return other.medianMs <= 0 ? Double.POSITIVE_INFINITY : medianMs / other.medianMs;
  }
}
