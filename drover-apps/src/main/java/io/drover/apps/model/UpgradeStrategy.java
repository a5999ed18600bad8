package io.drover.apps.model;

/** Rolling-restart bounds, both fractions of the instance count in [0, 1] (checked by {@link Validation}). */
public record UpgradeStrategy(double minimumHealthCapacity, double maximumOverCapacity) {
  public static final UpgradeStrategy DEFAULT = new UpgradeStrategy(1.0, 1.0);
  /** Default for resident apps (persistent volumes). */
  public static final UpgradeStrategy RESIDENT = new UpgradeStrategy(0.5, 0.0);
}
