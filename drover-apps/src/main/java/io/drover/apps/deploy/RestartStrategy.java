package io.drover.apps.deploy;

import java.util.List;

/**
 * Marathon's {@code TaskReplaceActor.computeRestartStrategy}: how a rolling restart begins.
 *
 * <ul>
 *   <li>{@code minHealthy = ceil(n · minimumHealthCapacity)}, {@code maxCapacity = floor(n · (1 + maximumOverCapacity))},
 *       {@code killImmediately = max(0, healthy − minHealthy)} where healthy counts old and new instances;
 *   <li>if {@code minHealthy == maxCapacity ≤ healthy} there is no room to start anything: allow one instance of
 *       over-capacity, or for a resident app (whose reservations cannot grow) kill one more instead;
 *   <li>if there are more instances than {@code n}, kill at least the excess.
 * </ul>
 *
 * @param minHealthy the healthy count a restart keeps (unless fewer were healthy to begin with)
 * @param maxCapacity the most instances alive at once, old and new
 * @param killImmediately Marathon's {@code nrToKillImmediately}: old instances killed as the restart begins
 * @param healthySurplus healthy instances beyond what must stay healthy ({@code killImmediately} before the excess
 *     rule); {@link RollingRestart} kills this many healthy ones on top of the unhealthy old ones
 */
public record RestartStrategy(int minHealthy, int maxCapacity, int killImmediately, int healthySurplus) {

  /**
   * @param spec the target spec, with {@code instances > 0}
   * @param active the app's instances that are not gone, old and new
   */
  public static RestartStrategy compute(RunSpec spec, List<InstanceView> active) {
    int n = spec.instances();
    if (n <= 0) throw new IllegalArgumentException("a restart needs instances > 0, got " + n);
    int healthy = (int) active.stream().filter(i -> i.consideredHealthy(spec)).count();
    int minHealthy = (int) Math.ceil(n * spec.minimumHealthCapacity());
    int maxCapacity = (int) Math.floor(n * (1 + spec.maximumOverCapacity()));
    int killImmediately = Math.max(0, healthy - minHealthy);
    if (minHealthy == maxCapacity && maxCapacity <= healthy) {
      if (spec.resident()) killImmediately = healthy - minHealthy + 1;
      else maxCapacity += 1;
    }
    int healthySurplus = killImmediately;
    if (n < active.size()) killImmediately = Math.max(active.size() - n, killImmediately);
    return new RestartStrategy(minHealthy, maxCapacity, killImmediately, healthySurplus);
  }
}
