package io.drover.apps.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * A tiny world of one app's instances for simulating steppers: launches become STAGING instances with fresh ids,
 * which then run, turn healthy and ready, or fail; kills go KILLING then KILLED. Every change is fed to the stepper
 * at once, as the driver would.
 */
final class Sim {
  final RunSpec target;
  final Random random;
  final Map<String, InstanceView> world = new LinkedHashMap<>();
  final Set<String> killRequested = new TreeSet<>();
  int pendingLaunches;
  int nextId;
  long nowMs = 1_000;
  AppStepper stepper;

  Sim(RunSpec target, long seed) {
    this.target = target;
    this.random = new Random(seed);
  }

  InstanceView add(String version, boolean healthy) {
    String id = "i" + (nextId++);
    InstanceView i = new InstanceView(id, version, InstanceCondition.RUNNING, healthy, healthy, nowMs,
        OptionalLong.of(nowMs));
    nowMs += 10;
    world.put(id, i);
    return i;
  }

  List<InstanceView> snapshot() { return List.copyOf(world.values()); }

  void apply(InstanceCommands commands) {
    pendingLaunches += commands.launch();
    killRequested.addAll(commands.kill());
  }

  void update(InstanceView next) {
    world.put(next.id(), next);
    apply(stepper.onInstance(next));
  }

  boolean alive(InstanceView i) { return !i.condition().consideredGone(); }

  boolean isNew(InstanceView i) { return i.version().equals(target.version()); }

  int activeCount() { return (int) world.values().stream().filter(this::alive).count() + pendingLaunches; }

  /** Alive, not asked to die, and considered healthy. */
  int healthyCount() {
    return (int) world.values().stream()
        .filter(i -> alive(i) && !killRequested.contains(i.id()) && i.consideredHealthy(target)).count();
  }

  /**
   * Possible next events.
   *
   * @param unhealthyOldMayDie unhealthy old instances may die (health-check kills)
   * @param healthyOldMayDie healthy old instances may die out of band (chaos)
   * @param newMayFail new instances may fail before they are healthy
   */
  List<Runnable> events(boolean unhealthyOldMayDie, boolean healthyOldMayDie, boolean newMayFail) {
    List<Runnable> out = new ArrayList<>();
    if (pendingLaunches > 0) {
      out.add(() -> {
        pendingLaunches--;
        String id = "n" + (nextId++);
        update(new InstanceView(id, target.version(), InstanceCondition.STAGING, false, false, nowMs++,
            OptionalLong.empty()));
      });
    }
    for (InstanceView i : List.copyOf(world.values())) {
      if (!alive(i)) continue;
      if (killRequested.contains(i.id())) {
        if (i.condition() != InstanceCondition.KILLING) out.add(() -> update(i.withCondition(InstanceCondition.KILLING)));
        else out.add(() -> update(i.withCondition(InstanceCondition.KILLED)));
        continue;
      }
      if (isNew(i)) {
        boolean healthyNow = i.consideredHealthy(target);
        if (i.condition() == InstanceCondition.STAGING) out.add(() -> update(i.running(nowMs++)));
        else if (!healthyNow) out.add(() -> update(i.withHealth(true, i.ready())));
        else if (!i.healthyAndReady(target)) out.add(() -> update(i.withHealth(true, true)));
        if (newMayFail && !healthyNow) out.add(() -> update(i.withCondition(InstanceCondition.FAILED)));
      } else if (i.consideredHealthy(target) ? healthyOldMayDie : unhealthyOldMayDie) {
        out.add(() -> update(i.withCondition(InstanceCondition.FAILED)));
      }
    }
    return out;
  }

  /**
   * Fair completion: launches land, new instances become healthy and ready, kills complete; only when nothing else
   * can happen do health checks kill an unhealthy old instance.
   */
  List<Runnable> fairEvents() {
    List<Runnable> progress = events(false, false, false);
    return progress.isEmpty() ? events(true, false, false) : progress;
  }
}
