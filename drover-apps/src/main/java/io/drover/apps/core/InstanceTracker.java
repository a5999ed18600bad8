package io.drover.apps.core;

import io.drover.apps.deploy.InstanceView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The instances of every app, by app id then instance id (launch order kept). Single-threaded. */
public final class InstanceTracker {
  private final Map<String, Map<String, TrackedInstance>> byApp = new TreeMap<>();

  public void put(TrackedInstance t) {
    byApp.computeIfAbsent(t.appId(), k -> new LinkedHashMap<>()).put(t.id(), t);
  }

  public Optional<TrackedInstance> get(String appId, String instanceId) {
    return Optional.ofNullable(byApp.getOrDefault(appId, Map.of()).get(instanceId));
  }

  public void remove(String appId, String instanceId) {
    Map<String, TrackedInstance> m = byApp.get(appId);
    if (m == null) return;
    m.remove(instanceId);
    if (m.isEmpty()) byApp.remove(appId);
  }

  public List<TrackedInstance> of(String appId) { return List.copyOf(byApp.getOrDefault(appId, Map.of()).values()); }

  public List<InstanceView> views(String appId) { return of(appId).stream().map(TrackedInstance::view).toList(); }

  public List<TrackedInstance> all() {
    List<TrackedInstance> out = new ArrayList<>();
    byApp.values().forEach(m -> out.addAll(m.values()));
    return out;
  }

  public long activeCount(String appId) { return of(appId).stream().filter(TrackedInstance::active).count(); }
}
