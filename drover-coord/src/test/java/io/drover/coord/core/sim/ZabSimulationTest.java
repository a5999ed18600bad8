package io.drover.coord.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Runs the deterministic Zab simulation over many seeds, cycling through ensembles of 3 and 5 voters with 0, 1
 * or 2 observers, with 20 to 60 s of faults. Defaults to seeds 1..500 (about 5 s). More seeds:
 * {@code -Dsim.seeds=5000} (about 15 s); one seed: {@code -Dsim.seed=N} (replays identically; a failure prints its
 * seed, the last 40 events and this command). From the repository root:
 * <pre>
 * ./mvnw -B -o -pl drover-coord test -Dtest=ZabSimulationTest -Dsurefire.failIfNoSpecifiedTests=false -Dsim.seeds=5000
 * ./mvnw -B -o -pl drover-coord test -Dtest=ZabSimulationTest -Dsurefire.failIfNoSpecifiedTests=false -Dsim.seed=42
 * </pre>
 */
final class ZabSimulationTest {
  static Simulation.Options optionsFor(long seed) {
    int[][] shapes = {{3, 0}, {5, 0}, {3, 1}, {5, 2}, {3, 2}, {5, 1}};
    int[] s = shapes[(int) (seed % shapes.length)];
    long chaosMs = 20_000 + (seed * 7_919) % 40_000; // 20 to 60 s of faults before everything heals
    return new Simulation.Options(s[0], s[1], chaosMs, false);
  }

  @Test
  void seedsKeepZabSafeAndLive() {
    String one = System.getProperty("sim.seed");
    long first = one != null ? Long.parseLong(one) : 1;
    long last = one != null ? first : Long.getLong("sim.seeds", 500);
    long committed = 0;
    long[] modes = new long[3];
    long syncs = 0;
    for (long seed = first; seed <= last; seed++) {
      Simulation.Result r = new Simulation(seed, optionsFor(seed)).run();
      assertThat(r.progressAfterHealMs()).as("seed %d progress after heal", seed)
          .isBetween(0L, Simulation.LIVENESS_BOUND_MS);
      committed += r.committed();
      for (int i = 0; i < 3; i++) modes[i] += r.syncModes()[i];
      syncs += r.syncsDone();
    }
    if (one == null) {
      assertThat(modes[0]).as("DIFF syncs over all seeds").isPositive();
      assertThat(modes[1]).as("TRUNC syncs over all seeds").isPositive();
      assertThat(modes[2]).as("SNAP syncs over all seeds").isPositive();
      assertThat(syncs).as("client syncs completed over all seeds").isPositive();
    }
    assertThat(committed).as("txns committed over all seeds").isGreaterThan(10L * (last - first + 1));
  }
}
