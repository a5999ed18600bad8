package io.drover.apps.core;

import io.drover.apps.model.AppDefinition;
import io.drover.apps.model.HealthCheck;
import io.drover.apps.model.PathId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Marathon's health check reconciliation ({@code MarathonHealthCheckManager.reconcile}) as events: an app's checks
 * are active for its current config version and for every config version that still has live instances. A version
 * becoming active publishes {@code add_health_check_event} per check; one ceasing publishes
 * {@code remove_health_check_event} per check. The checks themselves run on the agents (Mesos checks).
 */
final class HealthCheckVersions {
  private final AppsCore core;
  /** App id → (config version → the checks active for it). */
  private final Map<String, Map<String, List<HealthCheck>>> active = new HashMap<>();

  HealthCheckVersions(AppsCore core) { this.core = core; }

  /** Brings {@code appId}'s active versions in line with the root group and the tracked instances. */
  void sync(String appId) {
    Optional<AppDefinition> app = core.root.app(PathId.of(appId)).filter(a -> !a.healthChecks().isEmpty());
    Set<String> wanted = new TreeSet<>();
    app.ifPresent(a -> {
      wanted.add(AppSpecs.configVersion(a).toString());
      for (TrackedInstance t : core.tracker.of(appId)) {
        if (!t.condition().isTerminal()) wanted.add(t.configVersion().toString());
      }
    });
    Map<String, List<HealthCheck>> had = active.computeIfAbsent(appId, k -> new HashMap<>());
    for (String v : Set.copyOf(had.keySet())) {
      if (wanted.contains(v)) continue;
      had.remove(v).forEach(hc -> core.publish(CoreEvents.removeHealthCheck(appId, core.now())));
    }
    for (String v : wanted) {
      if (had.containsKey(v)) continue;
      List<HealthCheck> checks = app.orElseThrow().healthChecks();
      had.put(v, checks);
      checks.forEach(hc -> core.publish(CoreEvents.addHealthCheck(appId, v, hc, core.now())));
    }
    if (had.isEmpty()) active.remove(appId);
  }
}
