package io.drover.apps.deploy;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A scale action (Marathon's {@code DeploymentActor.scaleRunnable} + {@code TaskStartActor}): first kill what the
 * {@link ScalingProposition} chose and wait until those are gone, then launch the missing instances and wait until
 * each launched one is healthy and ready. A launched instance that dies before that is replaced.
 */
public final class ScaleStepper implements AppStepper {
  private final RunSpec target;
  private final int scaleTo;
  private final Set<String> known = new HashSet<>();
  private final Set<String> alive = new HashSet<>();
  private final Set<String> awaitingKill = new LinkedHashSet<>();
  private final Set<String> launchedAlive = new HashSet<>();
  private final Set<String> launchedSeen = new HashSet<>();
  private final Set<String> launchedHealthyReady = new HashSet<>();
  private boolean killPhase = true;
  private int toStart;

  private ScaleStepper(RunSpec target, int scaleTo) {
    this.target = target;
    this.scaleTo = scaleTo;
  }

  /** A scale and its first commands. */
  public record Begun(ScaleStepper scale, InstanceCommands commands) {}

  /**
   * @param target the spec to scale (its kill selection, checks and version)
   * @param scaleTo the instance count to reach
   * @param instances the app's current instances
   * @param sentenced instances to kill first ({@link DeploymentAction.ScaleApplication#toKill()})
   */
  public static Begun begin(RunSpec target, int scaleTo, List<InstanceView> instances, List<String> sentenced) {
    ScaleStepper scale = new ScaleStepper(target, scaleTo);
    for (InstanceView i : instances) {
      scale.known.add(i.id());
      if (ScalingProposition.countsAsRunning(i.condition())) scale.alive.add(i.id());
    }
    ScalingProposition proposition = ScalingProposition.propose(instances, sentenced, scaleTo, target.killSelection());
    for (InstanceView i : instances) {
      // A kill's completion is awaited unless the instance already counts as gone (UNREACHABLE): Marathon's
      // KillStreamWatcher takes unreachable as killed.
      if (proposition.toKill().contains(i.id()) && !i.condition().consideredGone()) scale.awaitingKill.add(i.id());
    }
    proposition.toKill().forEach(scale.alive::remove);
    InstanceCommands first = new InstanceCommands(0, proposition.toKill());
    return new Begun(scale, first.plus(scale.startIfKillsDone()));
  }

  @Override
  public InstanceCommands onInstance(InstanceView instance) {
    String id = instance.id();
    boolean gone = instance.condition().consideredGone();
    if (known.contains(id)) {
      if (!ScalingProposition.countsAsRunning(instance.condition())) alive.remove(id);
      if (gone) awaitingKill.remove(id);
      return startIfKillsDone();
    }
    if (killPhase) return InstanceCommands.NONE; // not launched by us: nothing was launched yet
    if (gone) {
      boolean counted = launchedAlive.remove(id) || !launchedSeen.contains(id);
      launchedSeen.add(id);
      launchedHealthyReady.remove(id);
      return counted && !isDone() ? new InstanceCommands(1, List.of()) : InstanceCommands.NONE;
    }
    if (launchedSeen.contains(id) && !launchedAlive.contains(id)) return InstanceCommands.NONE;
    launchedSeen.add(id);
    launchedAlive.add(id);
    if (instance.healthyAndReady(target)) launchedHealthyReady.add(id);
    return InstanceCommands.NONE;
  }

  private InstanceCommands startIfKillsDone() {
    if (!killPhase || !awaitingKill.isEmpty()) return InstanceCommands.NONE;
    killPhase = false;
    toStart = Math.max(0, scaleTo - alive.size());
    return new InstanceCommands(toStart, List.of());
  }

  @Override
  public boolean isDone() { return !killPhase && launchedHealthyReady.size() >= toStart; }

  @Override
  public Set<String> awaited() {
    Set<String> out = new LinkedHashSet<>(launchedAlive);
    out.removeAll(launchedHealthyReady);
    return out;
  }

  public int scaleTo() { return scaleTo; }

  /** Instances launched by this scale (0 until the kills are done). */
  public int toStart() { return toStart; }
}
