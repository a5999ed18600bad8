package io.drover.apps.model;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/** How Marathon classifies a change from one app definition to another ({@code AppDefinition.isUpgrade}). */
public final class AppChanges {
  private AppChanges() {}

  /**
   * True when {@code to} changes what running tasks are (anything but {@code instances} and the version info),
   * so a deployment restarts the app. Constraints, health checks and dependencies compare as sets, as Marathon
   * keeps them in sets. False for different ids.
   */
  public static boolean isUpgrade(AppDefinition from, AppDefinition to) {
    if (!from.id().equals(to.id())) return false;
    return !(Objects.equals(from.cmd(), to.cmd())
        && from.args().equals(to.args())
        && from.user().equals(to.user())
        && from.env().equals(to.env())
        && from.cpus() == to.cpus() && from.memMb() == to.memMb() && from.diskMb() == to.diskMb()
        && from.gpus() == to.gpus()
        && from.executor().equals(to.executor())
        && sameSet(from.constraints(), to.constraints())
        && from.fetch().equals(to.fetch())
        && from.portDefinitions().equals(to.portDefinitions())
        && from.requirePorts() == to.requirePorts()
        && from.backoffSeconds() == to.backoffSeconds() && from.backoffFactor() == to.backoffFactor()
        && from.maxLaunchDelaySeconds() == to.maxLaunchDelaySeconds()
        && from.container().equals(to.container())
        && sameSet(from.healthChecks(), to.healthChecks())
        && from.check().equals(to.check())
        && from.taskKillGracePeriodSeconds().equals(to.taskKillGracePeriodSeconds())
        && sameSet(from.dependencies(), to.dependencies())
        && from.upgradeStrategy().equals(to.upgradeStrategy())
        && from.labels().equals(to.labels())
        && from.acceptedResourceRoles().map(HashSet::new).equals(to.acceptedResourceRoles().map(HashSet::new))
        && from.networks().equals(to.networks())
        && from.readinessChecks().equals(to.readinessChecks())
        && from.secrets().equals(to.secrets())
        && from.unreachableStrategy().equals(to.unreachableStrategy())
        && from.killSelection() == to.killSelection()
        && from.tty().equals(to.tty())
        && from.role().equals(to.role())
        && from.resourceLimits().equals(to.resourceLimits()));
  }

  /** True when only the instance count differs (Marathon: not an upgrade and instances differ). */
  public static boolean isOnlyScaleChange(AppDefinition from, AppDefinition to) {
    return !isUpgrade(from, to) && from.instances() != to.instances();
  }

  /**
   * True when running tasks must be replaced going from {@code from} to {@code to}: a config change, or a forced
   * restart (same config, new {@code lastConfigChangeAt}). Marathon's {@code needsRestart}.
   */
  public static boolean needsRestart(AppDefinition from, AppDefinition to) {
    return isUpgrade(from, to) || !from.versionInfo().map(VersionInfo::lastConfigChangeAt)
        .equals(to.versionInfo().map(VersionInfo::lastConfigChangeAt));
  }

  /**
   * The version info {@code to} gets when it replaces {@code from} at {@code now}: a config change moves all
   * stamps; a scale-only change moves {@code lastScalingAt}; anything else only the version.
   */
  public static VersionInfo nextVersionInfo(AppDefinition from, AppDefinition to, Timestamp now) {
    VersionInfo base = from.versionInfo().orElse(VersionInfo.initial(now));
    if (isUpgrade(from, to)) return base.configChangedAt(now);
    if (from.instances() != to.instances()) return base.scaledAt(now);
    return base.touchedAt(now);
  }

  private static <T> boolean sameSet(List<T> a, List<T> b) { return new HashSet<>(a).equals(new HashSet<>(b)); }
}
