package io.drover.apps.core;

import io.drover.apps.core.AppsCore.Running;
import io.drover.apps.deploy.DeploymentJson.ReadinessCheckResultView;
import io.drover.apps.deploy.InstanceCondition;
import io.drover.apps.model.AppDefinition;
import io.drover.apps.model.Container;
import io.drover.apps.model.Group;
import io.drover.apps.model.Instance;
import io.drover.apps.model.PathId;
import io.drover.apps.model.PortDefinition;
import io.drover.apps.model.PortMapping;
import io.drover.apps.model.ReadinessCheck;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Marathon's {@code ReadinessBehavior} inside the core: which tasks get readiness checks, and what they answered.
 *
 * <p>A task is checked while a running deployment's current step waits on its instance ({@link
 * io.drover.apps.deploy.DeploymentProgress#awaited()}: instances a Scale or Restart action started, or adopted as
 * started after a failover), its app has a readiness check, it is RUNNING (as in Marathon, health does not gate the
 * start of readiness checks; the deployment still waits for both), not being killed and not yet seen ready. {@link
 * #reconcile} runs after every command and emits the start and stop effects that move the running checks to that
 * set, so the service only executes. Results are kept per deployment for its current step (the deployment's
 * {@code currentActions[].readinessCheckResults}, Marathon's {@code DeploymentStepInfo.readinessChecks}); they are
 * not stored, so a new leader starts over.
 */
final class ReadinessTracker {
  private final AppsCore core;
  /** Checks the service runs: task id → its instance. */
  private final Map<String, Checked> running = new TreeMap<>();
  /** Per deployment id: the results of its current step. */
  private final Map<String, StepResults> results = new HashMap<>();

  private record Checked(String appId, String instanceId) {}

  private record Result(String appId, ReadinessCheckResultView view) {}

  private record StepResults(int step, Map<String, Result> byTask) {}

  /** The root group {@link #anyChecks} was computed for (the root is immutable: a new one is a new object). */
  private Group checkedRoot;
  private boolean anyChecks;

  ReadinessTracker(AppsCore core) { this.core = core; }

  /** Starts the checks now needed and stops those no longer needed; forgets results of finished deployments. */
  void reconcile() {
    // Runs after every command: without any readiness check in the root group this must cost nothing.
    if (running.isEmpty() && results.isEmpty() && !anyReadinessChecks()) return;
    Map<String, CoreEffect.StartReadinessCheck> wanted = new TreeMap<>();
    Map<String, Checked> instances = new HashMap<>();
    for (Running run : core.deployments.values()) {
      run.progress().awaited().forEach((appId, ids) -> {
        Optional<AppDefinition> app = core.root.app(PathId.of(appId));
        if (app.isEmpty() || app.get().readinessChecks().isEmpty()) return;
        ReadinessCheck check = app.get().readinessChecks().getFirst();
        for (String id : ids) {
          core.tracker.get(appId, id).filter(ReadinessTracker::checkable).ifPresent(t -> url(app.get(), t.instance(),
              check).ifPresent(url -> {
                String taskId = t.instance().taskId().idString();
                wanted.put(taskId, new CoreEffect.StartReadinessCheck(taskId, appId, check, url));
                instances.put(taskId, new Checked(appId, id));
              }));
        }
      });
    }
    for (String taskId : List.copyOf(running.keySet())) {
      if (!wanted.containsKey(taskId)) {
        running.remove(taskId);
        core.emit(new CoreEffect.StopReadinessCheck(taskId));
      }
    }
    wanted.forEach((taskId, start) -> {
      if (running.putIfAbsent(taskId, instances.get(taskId)) == null) core.emit(start);
    });
    results.keySet().retainAll(core.deployments.keySet());
  }

  private boolean anyReadinessChecks() {
    if (core.root != checkedRoot) {
      checkedRoot = core.root;
      anyChecks = core.root.transitiveApps().stream().anyMatch(a -> !a.readinessChecks().isEmpty());
    }
    return anyChecks;
  }

  private static boolean checkable(TrackedInstance t) {
    return t.condition() == InstanceCondition.RUNNING && !t.ready() && !t.killRequested();
  }

  /** One answer: recorded for the deployments running the app; a ready one marks the instance ready. */
  void onResult(ReadinessCheckResultView r) {
    Checked c = running.get(r.taskId());
    if (c == null) return; // stopped meanwhile: a late answer
    for (Running run : core.deployments.values()) {
      if (run.progress().currentActions().stream().noneMatch(a -> a.appId().equals(c.appId()))) continue;
      int step = run.progress().currentStep();
      StepResults sr = results.get(run.record().id());
      if (sr == null || sr.step() != step) {
        sr = new StepResults(step, new LinkedHashMap<>());
        results.put(run.record().id(), sr);
      }
      sr.byTask().put(r.taskId(), new Result(c.appId(), r));
    }
    if (!r.ready()) return;
    core.tracker.get(c.appId(), c.instanceId()).filter(t -> !t.ready()).ifPresent(t -> {
      TrackedInstance ready = t.markedReady();
      core.tracker.put(ready);
      core.notifyDeployments(ready);
    });
  }

  /** The current step's results of a deployment, by app id. */
  Map<String, List<ReadinessCheckResultView>> ofDeployment(Running run) {
    StepResults sr = results.get(run.record().id());
    Map<String, List<ReadinessCheckResultView>> out = new TreeMap<>();
    if (sr == null || sr.step() != run.progress().currentStep()) return out;
    sr.byTask().values().forEach(r -> out.computeIfAbsent(r.appId(), k -> new ArrayList<>()).add(r.view()));
    return out;
  }

  /** An app's results in every running deployment ({@code readinessCheckResults} of the app). */
  List<ReadinessCheckResultView> ofApp(String appId) {
    List<ReadinessCheckResultView> out = new ArrayList<>();
    for (Running run : core.deployments.values()) out.addAll(ofDeployment(run).getOrDefault(appId, List.of()));
    return out;
  }

  /** Task ids with a running check (tests). */
  Set<String> checking() { return Set.copyOf(running.keySet()); }

  /**
   * Marathon's {@code ReadinessCheckSpec} URL: {@code http[s]://host:port/path} for the port named {@code portName}
   * (port mappings when the app has any, else port definitions). With a host port: the agent's host and that port;
   * without (container networks): the task's first IP address and the container port. Empty when neither is known.
   */
  static Optional<String> url(AppDefinition app, Instance instance, ReadinessCheck check) {
    List<PortMapping> mappings = app.container().map(Container::portMappings).orElse(List.of());
    List<Optional<String>> names = mappings.isEmpty()
        ? app.portDefinitions().stream().map(PortDefinition::name).toList()
        : mappings.stream().map(PortMapping::name).toList();
    int index = names.indexOf(Optional.of(check.portName()));
    if (index < 0) return Optional.empty();
    String scheme = check.protocol().toUpperCase(Locale.ROOT).equals("HTTPS") ? "https" : "http";
    int hostPort = index < instance.hostPorts().size() ? instance.hostPorts().get(index) : 0;
    if (hostPort > 0) return Optional.of(scheme + "://" + host(instance.host()) + ":" + hostPort + check.path());
    if (!mappings.isEmpty() && mappings.get(index).containerPort() > 0 && !instance.ipAddresses().isEmpty()) {
      return Optional.of(scheme + "://" + host(instance.ipAddresses().getFirst().ipAddress()) + ":"
          + mappings.get(index).containerPort() + check.path());
    }
    return Optional.empty();
  }

  private static String host(String h) { return h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h; }
}
