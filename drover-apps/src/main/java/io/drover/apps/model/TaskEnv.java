package io.drover.apps.model;

import io.drover.common.random.Rng;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The environment of an app task, as Marathon's {@code TaskBuilder}/{@code EnvironmentHelper} build it, in this
 * order (later entries win): {@code MESOS_TASK_ID}, {@code MARATHON_APP_ID}, {@code MARATHON_APP_VERSION},
 * {@code MARATHON_APP_DOCKER_IMAGE} (Docker only), {@code MARATHON_APP_RESOURCE_CPUS/MEM/DISK/GPUS},
 * {@code MARATHON_APP_LABELS} and {@code MARATHON_APP_LABEL_<KEY>}; then the port variables ({@code PORT<n>},
 * {@code PORT_<requested port>}, {@code PORT_<NAME>}, {@code PORT}, {@code PORTS}) and {@code HOST}; then the
 * app's own {@code env} literals, which override everything (secret references are not resolved here).
 */
public final class TaskEnv {
  static final int MAX_ENV_LENGTH = 512;
  static final String LABEL_PREFIX = "MARATHON_APP_LABEL_";

  private TaskEnv() {}

  /** For tasks where every port has a host port (host networking, bridge mappings with host ports). */
  public static Map<String, String> of(AppDefinition app, List<Integer> hostPorts, String host, TaskId taskId) {
    return of(app, hostPorts.stream().map(Optional::of).toList(), host, taskId, Rng.seeded(0));
  }

  /**
   * General form: {@code hostPorts} has one entry per port index, empty for a container-only mapping. A
   * container-only mapping with container port 0 gets a random free port above 1024 from {@code rng}, as in
   * Marathon. The app must have a version.
   */
  public static Map<String, String> of(AppDefinition app, List<Optional<Integer>> hostPorts, String host,
      TaskId taskId, Rng rng) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("MESOS_TASK_ID", taskId.idString());
    env.put("MARATHON_APP_ID", app.id().toString());
    env.put("MARATHON_APP_VERSION", app.version()
        .orElseThrow(() -> new IllegalArgumentException("app " + app.id() + " has no version")).toString());
    app.container().filter(c -> c.type() == Container.Type.DOCKER).flatMap(Container::docker)
        .ifPresent(d -> env.put("MARATHON_APP_DOCKER_IMAGE", d.image()));
    env.put("MARATHON_APP_RESOURCE_CPUS", Double.toString(app.cpus()));
    env.put("MARATHON_APP_RESOURCE_MEM", Double.toString(app.memMb()));
    env.put("MARATHON_APP_RESOURCE_DISK", Double.toString(app.diskMb()));
    env.put("MARATHON_APP_RESOURCE_GPUS", Integer.toString(app.gpus()));
    env.putAll(labels(app.labels()));
    env.putAll(ports(requests(app), hostPorts, rng));
    env.put("HOST", host);
    app.env().forEach((k, v) -> {
      if (v instanceof EnvValue.Literal l) env.put(k, l.value());
    });
    return env;
  }

  private record PortRequest(Optional<String> name, int port) {}

  private static List<PortRequest> requests(AppDefinition app) {
    if (app.container().map(c -> !c.portMappings().isEmpty()).orElse(false)) {
      return app.container().get().portMappings().stream().map(pm -> new PortRequest(pm.name(), pm.containerPort())).toList();
    }
    return app.portDefinitions().stream().map(pd -> new PortRequest(pd.name(), pd.port())).toList();
  }

  /** Marathon's {@code EnvironmentHelper.labelsToEnvVars}: keys escaped to {@code [A-Z0-9_]}, too long ones skipped. */
  static Map<String, String> labels(Map<String, String> labels) {
    Map<String, String> out = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    labels.forEach((k, v) -> {
      if (k.length() < MAX_ENV_LENGTH - LABEL_PREFIX.length() && v.length() < MAX_ENV_LENGTH) {
        String key = k.replaceAll("[^a-zA-Z0-9_]+", "_").toUpperCase();
        names.add(key);
        out.put(LABEL_PREFIX + key, v);
      }
    });
    Map<String, String> withNames = new LinkedHashMap<>();
    withNames.put("MARATHON_APP_LABELS", String.join(" ", names));
    withNames.putAll(out);
    return withNames;
  }

  /** Marathon's {@code EnvironmentHelper.portsEnv}. */
  private static Map<String, String> ports(List<PortRequest> requested, List<Optional<Integer>> hostPorts, Rng rng) {
    Map<String, String> env = new LinkedHashMap<>();
    if (hostPorts.isEmpty()) return env;
    Set<Integer> consumed = new HashSet<>();
    requested.forEach(r -> consumed.add(r.port()));
    hostPorts.forEach(h -> h.ifPresent(consumed::add));
    Map<Integer, Integer> generated = new LinkedHashMap<>();
    for (int i = 0; i < hostPorts.size(); i++) {
      if (hostPorts.get(i).isPresent()) {
        env.put("PORT" + i, hostPorts.get(i).get().toString());
      } else if (i < requested.size()) {
        int cp = requested.get(i).port();
        if (cp == 0) {
          int p;
          do {
            p = rng.nextInt(65535 - 1024) + 1025;
          } while (!consumed.add(p));
          generated.put(i, p);
          env.put("PORT" + i, Integer.toString(p));
        } else {
          env.put("PORT" + i, Integer.toString(cp));
        }
      }
    }
    int n = Math.min(requested.size(), hostPorts.size());
    for (int i = 0; i < n; i++) {
      int idx = i;
      int req = requested.get(i).port();
      int shown = hostPorts.get(i).orElseGet(() -> req != 0 ? req : generated.get(idx));
      env.put("PORT_" + (req != 0 ? req : shown), Integer.toString(shown));
    }
    for (int i = 0; i < n; i++) {
      int idx = i;
      Optional<String> name = requested.get(i).name();
      if (name.isEmpty()) continue;
      int req = requested.get(i).port();
      int shown = hostPorts.get(i).orElseGet(() -> req != 0 ? req : generated.get(idx));
      env.put("PORT_" + name.get().toUpperCase(), Integer.toString(shown));
    }
    List<String> all = new ArrayList<>();
    hostPorts.forEach(h -> h.ifPresent(p -> all.add(p.toString())));
    generated.values().forEach(p -> all.add(p.toString()));
    if (!all.isEmpty()) env.put("PORT", all.getFirst());
    env.put("PORTS", String.join(",", all));
    return env;
  }
}
