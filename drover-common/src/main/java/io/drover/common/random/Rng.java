package io.drover.common.random;

import java.util.SplittableRandom;

/**
 * Randomness as an injected dependency. Always seeded, so a simulation run replays from its seed.
 * Drivers seed it from the machine ({@link #fromEntropy()}); cores only ever receive an Rng.
 */
public interface Rng {
  long nextLong();

  /** Uniform in [0, bound). */
  int nextInt(int bound);

  double nextDouble();

  static Rng seeded(long seed) { return new SplittableRng(new SplittableRandom(seed)); }

  /** A generator seeded from the machine's entropy; for drivers only (pure cores may not call it). */
  static Rng fromEntropy() { return seeded(SystemEntropy.nextSeed()); }

  record SplittableRng(SplittableRandom random) implements Rng {
    @Override public long nextLong() { return random.nextLong(); }

    @Override public int nextInt(int bound) { return random.nextInt(bound); }

    @Override public double nextDouble() { return random.nextDouble(); }
  }
}
