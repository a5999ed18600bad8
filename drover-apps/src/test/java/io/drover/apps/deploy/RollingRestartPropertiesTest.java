package io.drover.apps.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Simulated rolling restarts: Marathon's capacity bounds hold at every moment, and every restart converges. */
final class RollingRestartPropertiesTest {
  static final String OLD = "2015-01-01T00:00:00.000Z";
  static final String NEW = "2015-02-01T00:00:00.000Z";

  record Scenario(RunSpec target, int oldHealthy, int oldUnhealthy, long seed, int randomEvents) {}

  @Provide
  Arbitrary<Scenario> scenarios() {
    Arbitrary<RunSpec> spec = Combinators.combine(
        Arbitraries.integers().between(1, 8),
        Arbitraries.of(0.0, 0.1, 0.25, 0.5, 0.75, 1.0),
        Arbitraries.of(0.0, 0.1, 0.25, 0.5, 1.0),
        Arbitraries.of(false, true),
        Arbitraries.of(false, true),
        Arbitraries.of(false, false, false, true))
        .as((n, minHc, maxOc, health, readiness, resident) -> RunSpec.of("/app", NEW, "new", n)
            .withUpgradeStrategy(minHc, maxOc).withChecks(health, readiness).withResident(resident));
    return Combinators.combine(spec, Arbitraries.integers().between(0, 10), Arbitraries.integers().between(0, 4),
            Arbitraries.longs(), Arbitraries.integers().between(0, 300))
        .as((s, healthy, unhealthy, seed, events) ->
            new Scenario(s, healthy, s.hasHealthChecks() ? unhealthy : 0, seed, events));
  }

  Sim start(Scenario sc) {
    Sim sim = new Sim(sc.target(), sc.seed());
    for (int k = 0; k < sc.oldHealthy(); k++) sim.add(OLD, true);
    for (int k = 0; k < sc.oldUnhealthy(); k++) sim.add(OLD, false);
    RollingRestart.Begun begun = RollingRestart.begin(sc.target(), sim.snapshot());
    sim.stepper = begun.restart();
    sim.apply(begun.commands());
    return sim;
  }

  @Property(tries = 400)
  void capacityStaysWithinMinHealthyAndMaxCapacity(@ForAll("scenarios") Scenario sc) {
    int initialActive = sc.oldHealthy() + sc.oldUnhealthy();
    Sim sim = start(sc);
    RollingRestart restart = (RollingRestart) sim.stepper;
    RestartStrategy strategy = restart.strategy();
    int floor = Math.min(strategy.minHealthy(), sc.oldHealthy()) - (sc.target().resident() ? 1 : 0);
    int ceiling = Math.max(strategy.maxCapacity(), initialActive);
    checkBounds(sim, floor, ceiling);
    for (int step = 0; step < sc.randomEvents(); step++) {
      List<Runnable> events = sim.events(true, false, true);
      if (events.isEmpty()) break;
      events.get(sim.random.nextInt(events.size())).run();
      checkBounds(sim, floor, ceiling);
    }
    drain(sim, floor, ceiling);
    assertConverged(sim, sc.target());
  }

  @Property(tries = 300)
  void convergesEvenWhenOldInstancesDieOnTheirOwn(@ForAll("scenarios") Scenario sc) {
    Sim sim = start(sc);
    for (int step = 0; step < sc.randomEvents(); step++) {
      List<Runnable> events = sim.events(true, true, true);
      if (events.isEmpty()) break;
      events.get(sim.random.nextInt(events.size())).run();
      assertThat(((RollingRestart) sim.stepper).started()).isLessThanOrEqualTo(sc.target().instances());
    }
    drain(sim, Integer.MIN_VALUE, Integer.MAX_VALUE);
    assertConverged(sim, sc.target());
  }

  private void drain(Sim sim, int floor, int ceiling) {
    for (int step = 0; step < 10_000 && !sim.stepper.isDone(); step++) {
      List<Runnable> events = sim.fairEvents();
      assertThat(events).as("a restart that is not done must be able to progress").isNotEmpty();
      events.get(sim.random.nextInt(events.size())).run();
      checkBounds(sim, floor, ceiling);
    }
    // Kills issued at the very end complete too.
    for (int step = 0; step < 1_000; step++) {
      List<Runnable> events = sim.events(false, false, false);
      if (events.isEmpty()) break;
      events.get(0).run();
    }
  }

  private static void checkBounds(Sim sim, int floor, int ceiling) {
    assertThat(sim.healthyCount()).as("healthy instances").isGreaterThanOrEqualTo(floor);
    assertThat(sim.activeCount()).as("active instances").isLessThanOrEqualTo(ceiling);
  }

  private static void assertConverged(Sim sim, RunSpec target) {
    assertThat(sim.stepper.isDone()).isTrue();
    assertThat(sim.pendingLaunches).isZero();
    List<InstanceView> alive = sim.world.values().stream().filter(sim::alive).toList();
    assertThat(alive).allMatch(sim::isNew).hasSize(target.instances()).allMatch(i -> i.healthyAndReady(target));
  }
}
