package io.drover.common.random;

import java.util.SplittableRandom;

/**
 * The one place in this package that reads the machine's entropy: the edge behind {@link Rng#fromEntropy()}.
 * Kept in its own class so the purity rule can exempt exactly this class and nothing else in the package.
 */
final class SystemEntropy {
  private SystemEntropy() {}

  /** A fresh seed; different on every call, even within one millisecond (SplittableRandom's seeder is atomic). */
  static long nextSeed() { return new SplittableRandom().nextLong(); }
}
