package io.drover.coord.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The simulation can fail: with disks whose fsync reports success but makes nothing durable (so followers ACK
 * and leaders count their own ACK before the txn would survive a crash), some seed must lose an acknowledged
 * write, and the invariant checker must say so. {@code -Dsim.seed=N} replays one lying-disk seed.
 */
final class InjectedBugTest {
  @Test
  void ackingBeforeDurabilityIsCaught() {
    List<String> failures = new ArrayList<>();
    String one = System.getProperty("sim.seed");
    long first = one != null ? Long.parseLong(one) : 1;
    for (long seed = first; seed <= (one != null ? first : 60); seed++) {
      Simulation.Options o = ZabSimulationTest.optionsFor(seed);
      try {
        new Simulation(seed, new Simulation.Options(o.voters(), o.observers(), o.chaosMs(), true)).run();
      } catch (AssertionError e) {
        failures.add(e.getMessage());
        if (one != null) System.out.println(e.getMessage()); // a replay: show what was caught
      }
    }
    assertThat(failures).as("seeds caught with a lying disk").isNotEmpty()
        .anySatisfy(m -> assertThat(m).contains("lacks acknowledged write").contains("-Dsim.seed="));
  }

  @Test
  void aFailingSeedReplaysIdentically() {
    Simulation.Options o = ZabSimulationTest.optionsFor(6);
    Simulation.Options lying = new Simulation.Options(o.voters(), o.observers(), o.chaosMs(), true);
    String first = failureOf(6, lying);
    assertThat(first).isNotNull().contains("seed 6");
    assertThat(failureOf(6, lying)).isEqualTo(first);
  }

  private static String failureOf(long seed, Simulation.Options o) {
    try {
      new Simulation(seed, o).run();
      return null;
    } catch (AssertionError e) {
      return e.getMessage();
    }
  }
}
