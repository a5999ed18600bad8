package io.drover.apps.deploy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A rolling restart as a state machine (Marathon's {@code TaskReplaceActor}). Instances whose version differs from
 * the target's are old.
 *
 * <ul>
 *   <li>Begin: compute the {@link RestartStrategy}; kill old instances (unhealthy first, see
 *       {@link KillOrder#forRestart}): every unhealthy one plus {@code healthySurplus} healthy ones, and at least
 *       Marathon's {@code killImmediately}; launch {@code min(n − started, maxCapacity − oldActive − started)}.
 *       <br>Deviation from Marathon, which kills just {@code killImmediately} from that same queue: unhealthy old
 *       instances would then use up the budget meant for healthy ones, and e.g. n=1, {0,0} with one healthy and one
 *       unhealthy old instance would wait forever with no room to launch. Killing an unhealthy old instance never
 *       lowers the healthy count, so the minimum-health guarantee is unchanged.
 *   <li>Each time a new instance is first seen healthy and ready: kill the next old one.
 *   <li>An old instance gone (killed by us or not): launch more if capacity allows.
 *   <li>A new instance gone before the end: forget it and launch a replacement.
 *   <li>Done when {@code n} new instances are healthy and ready and no old one is left.
 * </ul>
 *
 * Invariants (checked by the property tests): alive old + started new never exceed {@code maxCapacity} once a launch
 * happened, and the healthy count only drops below {@code minHealthy} when it began below it (or, for a resident
 * app, by the one extra kill).
 */
public final class RollingRestart implements AppStepper {
  private final RunSpec target;
  private final RestartStrategy strategy;
  private final Map<String, InstanceView> oldAlive = new HashMap<>();
  private final Deque<String> killQueue = new ArrayDeque<>();
  private final Set<String> newAlive = new HashSet<>();
  private final Set<String> newSeen = new HashSet<>();
  private final Set<String> newHealthyReady = new HashSet<>();
  private int started;

  private RollingRestart(RunSpec target, RestartStrategy strategy) {
    this.target = target;
    this.strategy = strategy;
  }

  /** A restart and its first commands. */
  public record Begun(RollingRestart restart, InstanceCommands commands) {}

  /**
   * @param target the new spec; {@code instances == 0} gives a restart that is done at once (Marathon does nothing)
   * @param instances the app's current instances (gone ones are ignored); those with the target version count as
   *     already started, e.g. after a failover mid-restart
   */
  public static Begun begin(RunSpec target, List<InstanceView> instances) {
    List<InstanceView> active = instances.stream().filter(i -> !i.condition().consideredGone()).toList();
    if (target.instances() == 0) {
      return new Begun(new RollingRestart(target, new RestartStrategy(0, 0, 0, 0)), InstanceCommands.NONE);
    }
    RollingRestart restart = new RollingRestart(target, RestartStrategy.compute(target, active));
    List<InstanceView> old = new ArrayList<>();
    for (InstanceView i : active) {
      if (i.version().equals(target.version())) {
        restart.newAlive.add(i.id());
        restart.newSeen.add(i.id());
        restart.started++;
        if (i.healthyAndReady(target)) restart.newHealthyReady.add(i.id());
      } else {
        old.add(i);
        restart.oldAlive.put(i.id(), i);
      }
    }
    old.stream().sorted(KillOrder.forRestart(target)).forEach(i -> restart.killQueue.add(i.id()));
    int unhealthyOld = (int) old.stream().filter(i -> !i.consideredHealthy(target)).count();
    int killNow = Math.max(restart.strategy.killImmediately(), unhealthyOld + restart.strategy.healthySurplus());
    List<String> kills = new ArrayList<>();
    for (int k = 0; k < killNow; k++) restart.nextKill().ifPresent(kills::add);
    return new Begun(restart, new InstanceCommands(restart.launchMore(), kills));
  }

  @Override
  public InstanceCommands onInstance(InstanceView instance) {
    if (isDone() && target.instances() == 0) return InstanceCommands.NONE;
    String id = instance.id();
    boolean gone = instance.condition().consideredGone();
    if (instance.version().equals(target.version())) {
      if (gone) {
        boolean wasCounted = newAlive.remove(id) || !newSeen.contains(id);
        newSeen.add(id);
        newHealthyReady.remove(id);
        if (!wasCounted) return InstanceCommands.NONE;
        started--;
        return new InstanceCommands(launchMore(), List.of());
      }
      if (newSeen.contains(id) && !newAlive.contains(id)) return InstanceCommands.NONE; // contract: gone stays gone
      newSeen.add(id);
      newAlive.add(id);
      if (instance.healthyAndReady(target) && newHealthyReady.add(id)) {
        List<String> kills = new ArrayList<>();
        nextKill().ifPresent(kills::add);
        return new InstanceCommands(0, kills);
      }
      return InstanceCommands.NONE;
    }
    if (!oldAlive.containsKey(id)) return InstanceCommands.NONE; // an old instance we never knew: not ours to count
    if (!gone) {
      oldAlive.put(id, instance);
      return InstanceCommands.NONE;
    }
    oldAlive.remove(id);
    killQueue.remove(id); // died on its own: the next kill goes to one still alive
    return new InstanceCommands(launchMore(), List.of());
  }

  @Override
  public boolean isDone() { return newHealthyReady.size() >= target.instances() && oldAlive.isEmpty(); }

  @Override
  public Set<String> awaited() {
    Set<String> out = new LinkedHashSet<>(newAlive);
    out.removeAll(newHealthyReady);
    return out;
  }

  private Optional<String> nextKill() { return Optional.ofNullable(killQueue.poll()); }

  private int launchMore() {
    int leftCapacity = Math.max(0, strategy.maxCapacity() - oldAlive.size() - started);
    int notStartedYet = Math.max(0, target.instances() - started);
    int now = Math.min(notStartedYet, leftCapacity);
    started += now;
    return now;
  }

  public RunSpec target() { return target; }

  public RestartStrategy strategy() { return strategy; }

  /** Old instances not yet gone (including those being killed). */
  public int oldActive() { return oldAlive.size(); }

  /** New instances launched or alive and not gone: Marathon's {@code instancesStarted}. */
  public int started() { return started; }

  /** New instances seen healthy and ready. */
  public int newHealthyAndReady() { return newHealthyReady.size(); }
}
