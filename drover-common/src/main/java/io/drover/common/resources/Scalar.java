package io.drover.common.resources;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An exact scalar in thousandths ("millis") of its unit. Mesos scalars have three-decimal precision, so every scalar
 * resource uses this one representation: {@code cpus:0.5} is 500, {@code mem:8192} (MB) is 8_192_000. The double
 * form exists only for the API edge ({@link #value()}).
 */
public record Scalar(long millis) implements ResourceValue, AttributeValue {
  public static final long MILLIS_PER_UNIT = 1000;

  public static Scalar ofUnits(long units) { return new Scalar(Math.multiplyExact(units, MILLIS_PER_UNIT)); }

  /** Rounds to the nearest thousandth, as Mesos does when it converts a double to its fixed-point form. */
  public static Scalar ofValue(double value) {
    if (!Double.isFinite(value)) throw new IllegalArgumentException("scalar " + value + " is not a finite number");
    return new Scalar(Math.round(value * MILLIS_PER_UNIT));
  }

  /** The Mesos JSON double. */
  public double value() { return millis / (double) MILLIS_PER_UNIT; }

  /** Shortest exact decimal: {@code 4}, {@code 0.5}, {@code 0.001}. */
  public static String format(long millis) {
    return BigDecimal.valueOf(millis).movePointLeft(3).setScale(3, RoundingMode.UNNECESSARY).stripTrailingZeros()
        .toPlainString();
  }

  @Override public String typeName() { return "SCALAR"; }

  @Override public String toString() { return format(millis); }
}
