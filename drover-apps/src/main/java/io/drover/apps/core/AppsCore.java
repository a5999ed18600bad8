package io.drover.apps.core;

import io.drover.apps.core.CoreCommand.*;
import io.drover.apps.deploy.DeploymentCommand;
import io.drover.apps.deploy.DeploymentLocks;
import io.drover.apps.deploy.DeploymentPlan;
import io.drover.apps.deploy.DeploymentProgress;
import io.drover.apps.deploy.InstanceView;
import io.drover.apps.deploy.PlanResult;
import io.drover.apps.deploy.ScalingProposition;
import io.drover.apps.model.AppChanges;
import io.drover.apps.model.AppDefinition;
import io.drover.apps.model.ErrorBody;
import io.drover.apps.model.Group;
import io.drover.apps.model.Instance;
import io.drover.apps.model.InstanceId;
import io.drover.apps.model.PathId;
import io.drover.apps.model.TaskId;
import io.drover.apps.model.Timestamp;
import io.drover.apps.model.VersionInfo;
import io.drover.apps.model.Violation;
import io.drover.apps.placement.LaunchQueue;
import io.drover.apps.placement.LaunchTokens;
import io.drover.apps.placement.OfferMatcher;
import io.drover.apps.placement.OfferStatistics;
import io.drover.apps.placement.ServicePorts;
import io.drover.common.random.Rng;
import io.drover.common.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The pure heart of the apps framework (Marathon's scheduler logic): one instance per leader, driven by one loop
 * thread through {@link #handle}, which answers the effects to carry out in order. Not thread-safe. Time comes from
 * the {@link Clock} (and {@link Tick}), ids from the {@link Rng}.
 *
 * <p>Contracts: every API command answers exactly one reply effect ({@link CoreEffect.Accepted}, {@link
 * CoreEffect.Locked}, {@link CoreEffect.Invalid}, {@link CoreEffect.NotFound}, {@link CoreEffect.Killed} or {@link
 * CoreEffect.Done}), last. Instance state changes only through Mesos status updates; the core never kills a healthy
 * instance because it is new (rolling restarts kill old ones only).
 */
public final class AppsCore {
  final CoreConfig config;
  final Clock clock;
  final Rng rng;
  final OfferMatcher matcher;
  final LaunchQueue launchQueue;
  final LaunchTokens tokens;
  final OfferStatistics statistics = new OfferStatistics(10);
  final InstanceTracker tracker = new InstanceTracker();
  final Map<String, Running> deployments = new LinkedHashMap<>();
  final Map<String, TaskFailure> lastFailures = new HashMap<>();
  ServicePorts servicePorts;
  Group root;
  String frameworkId;
  boolean subscribed;
  long lastReconcileMs;
  long lastScaleCheckMs;
  List<CoreEffect> out = new ArrayList<>();
  private final InstanceUpdates updates = new InstanceUpdates(this);
  private final OfferHandler offers = new OfferHandler(this);
  final HealthCheckVersions healthChecks = new HealthCheckVersions(this);
  final ReadinessTracker readiness = new ReadinessTracker(this);

  /** A running deployment. */
  record Running(DeploymentRecord record, DeploymentProgress progress) {}

  /** The last failed task of an app ({@code lastTaskFailure}). */
  public record TaskFailure(String appId, String host, String message, String state, String taskId,
      String timestamp, String version, String slaveId) {}

  public AppsCore(CoreConfig config, Clock clock, Rng rng, Group root) {
    this.config = config;
    this.clock = clock;
    this.rng = rng;
    this.root = root;
    this.matcher = new OfferMatcher(config.matcher());
    this.launchQueue = new LaunchQueue(config.declineOfferDurationMs());
    this.tokens = new LaunchTokens(config.launchTokens(), config.launchTokenRefreshIntervalMs(), clock.wallMillis());
    this.servicePorts = portsOf(root);
    this.lastReconcileMs = clock.wallMillis();
    this.lastScaleCheckMs = clock.wallMillis();
  }

  /** A core and the effects its recovery needs (kills and launches of resumed deployments, events). */
  public record Recovered(AppsCore core, List<CoreEffect> effects) {}

  /**
   * A new leader's core from the stored state: instances keep their condition and health; unfinished deployments
   * resume from their first step, which counts what already runs (a healthy new instance is never killed).
   */
  public static Recovered recover(CoreConfig config, Clock clock, Rng rng, Group root, List<Instance> instances,
      List<DeploymentRecord> stored, List<TaskFailure> failures) {
    AppsCore core = new AppsCore(config, clock, rng, root);
    for (TaskFailure f : failures) {
      if (root.app(PathId.of(f.appId())).isPresent()) core.lastFailures.put(f.appId(), f);
    }
    for (Instance i : instances) core.tracker.put(InstanceUpdates.recovered(i, root.app(i.appId())));
    for (DeploymentRecord r : stored) {
      DeploymentProgress.Started s = DeploymentProgress.start(r.plan(), core.tracker::views);
      Running run = new Running(r, s.progress());
      core.deployments.put(r.id(), run);
      core.apply(run, s.commands());
    }
    for (AppDefinition app : root.transitiveApps()) {
      core.scaleCheck(app.id().toString());
      core.healthChecks.sync(app.id().toString());
    }
    core.readiness.reconcile(); // readiness is not stored: instances still awaited are checked anew
    return new Recovered(core, core.drain());
  }

  static ServicePorts portsOf(Group root) {
    ServicePorts p = ServicePorts.defaults();
    for (AppDefinition a : root.transitiveApps()) p.assign(a.id().toString(), a.servicePorts());
    return p;
  }

  long now() { return clock.wallMillis(); }

  void emit(CoreEffect e) { out.add(e); }

  void publish(com.fasterxml.jackson.databind.JsonNode event) { out.add(new CoreEffect.Publish(event)); }

  List<CoreEffect> drain() {
    List<CoreEffect> done = List.copyOf(out);
    out = new ArrayList<>();
    return done;
  }

  /** Handles one command; returns the effects to carry out, in order. */
  public List<CoreEffect> handle(CoreCommand command) {
    CoreEffect reply = switch (command) {
      case ApplyRootGroup c -> applyRoot(c.target(), c.force(), c.deploymentId(), c.version(), Map.of());
      case RestartApp c -> restart(c);
      case KillInstances c -> kill(c);
      case CancelDeployment c -> cancel(c);
      case CoreCommand.ResetDelay c -> resetDelay(c.appId());
      case Subscribed c -> {
        subscribed(c.frameworkId());
        yield null;
      }
      case Offers c -> {
        offers.handle(c.offers());
        yield null;
      }
      case Rescind c -> null; // offers are never held: nothing to forget
      case StatusUpdate c -> {
        updates.onStatus(c.status());
        yield null;
      }
      case Disconnected c -> {
        subscribed = false;
        publish(CoreEvents.schedulerDisconnected(now()));
        yield null;
      }
      case ReadinessResult c -> {
        readiness.onResult(c.result());
        yield null;
      }
      case Tick c -> {
        tick();
        yield null;
      }
    };
    readiness.reconcile();
    offerSignal();
    if (reply != null) out.add(reply);
    return drain();
  }

  // ---- API commands ----

  /**
   * Every change of the root group goes through here. Refused with 403 while {@code --max_running_deployments} run
   * (counted before a forced change cancels any, as Marathon does); a refused change publishes
   * {@code group_change_failed}, an accepted one {@code group_change_success}.
   */
  private CoreEffect applyRoot(Group target, boolean force, String id, Timestamp version,
      Map<String, List<String>> toKill) {
    CoreEffect reply = deployments.size() >= config.maxRunningDeployments()
        ? new CoreEffect.Forbidden(tooManyDeployments(config.maxRunningDeployments()))
        : deploy(target, force, id, version, toKill);
    String failure = reply instanceof CoreEffect.Forbidden f ? f.message()
        : reply instanceof CoreEffect.Locked l ? l.body().message()
        : reply instanceof CoreEffect.Invalid i ? i.body().message() : null;
    if (failure != null) publish(CoreEvents.groupChangeFailed("/", version.toString(), failure, now()));
    return reply;
  }

  /** Marathon's {@code TooManyRunningDeploymentsException} message. */
  static String tooManyDeployments(int max) {
    return "Max number (" + max + ") of running deployments is achieved. Wait for existing deployments to complete "
        + "or cancel one using force=true parameter. You can increase max deployment number by using "
        + "--max_running_deployments parameter but be advised that this can have negative effects on the "
        + "performance.";
  }

  private CoreEffect deploy(Group target, boolean force, String id, Timestamp version,
      Map<String, List<String>> toKill) {
    ServicePorts scratch = portsOf(root);
    for (AppDefinition old : root.transitiveApps()) {
      if (target.app(old.id()).isEmpty()) scratch.release(old.id().toString());
    }
    Group stamped = target.withVersion(version);
    List<Violation> violations = new ArrayList<>();
    for (AppDefinition app : target.transitiveApps()) {
      ServicePorts.Result r = scratch.assign(app.id().toString(), app.servicePorts());
      switch (r) {
        case ServicePorts.Result.Assigned a -> {
          AppDefinition withPorts = AppSpecs.withServicePorts(app, a.ports());
          stamped = stamped.putApp(stampVersion(withPorts, version), version);
        }
        case ServicePorts.Result.Conflicts cs -> cs.conflicts().forEach(cf ->
            violations.add(Violation.of(portPath(app, cf.index()), cf.message())));
        case ServicePorts.Result.Exhausted ex -> violations.add(Violation.of("/portDefinitions",
            "Requested " + ex.wanted() + " service ports, only " + ex.free() + " are free"));
      }
    }
    if (!violations.isEmpty()) return new CoreEffect.Invalid(ErrorBody.notValid(violations));
    PlanResult planned = io.drover.apps.deploy.DeploymentPlanner.plan(id, AppSpecs.runSpecs(root),
        AppSpecs.runSpecs(stamped), version.toString(), toKill);
    if (planned instanceof PlanResult.CyclicDependencies) {
      return new CoreEffect.Invalid(ErrorBody.notValid(
          List.of(Violation.of("/", PlanResult.CyclicDependencies.MESSAGE))));
    }
    DeploymentPlan plan = ((PlanResult.Planned) planned).plan();
    List<DeploymentPlan> running = deployments.values().stream().map(r -> r.record().plan()).toList();
    DeploymentLocks.Decision decision = DeploymentLocks.decide(running, plan, force);
    if (decision instanceof DeploymentLocks.Decision.Locked l) return new CoreEffect.Locked(l.body());
    TreeSet<String> cancelledApps = new TreeSet<>();
    for (String cancelId : ((DeploymentLocks.Decision.Proceed) decision).toCancel()) {
      cancelledApps.addAll(stop(cancelId).record().plan().affectedApps());
    }
    for (AppDefinition app : stamped.transitiveApps()) {
      if (!root.app(app.id()).equals(Optional.of(app))) emit(new CoreEffect.PersistApp(app));
    }
    Group original = root;
    root = stamped;
    plan.affectedApps().forEach(healthChecks::sync);
    servicePorts = scratch;
    emit(new CoreEffect.PersistGroup(root));
    publish(CoreEvents.groupChangeSuccess("/", version.toString(), now()));
    DeploymentRecord record = new DeploymentRecord(plan, original, stamped);
    emit(new CoreEffect.PersistDeployment(record));
    DeploymentProgress.Started started = DeploymentProgress.start(plan, tracker::views);
    Running run = new Running(record, started.progress());
    deployments.put(id, run);
    apply(run, started.commands());
    cancelledApps.forEach(this::scaleCheck);
    return new CoreEffect.Accepted(id, version.toString());
  }

  private static String portPath(AppDefinition app, int index) {
    boolean mappings = app.container().map(c -> !c.portMappings().isEmpty()).orElse(false);
    return mappings ? "/container/portMappings(" + index + ")/servicePort" : "/portDefinitions(" + index + ")/port";
  }

  /** The version info of {@code app} in the new root: kept if unchanged, the caller's if set anew, else computed. */
  private AppDefinition stampVersion(AppDefinition app, Timestamp version) {
    Optional<AppDefinition> old = root.app(app.id());
    if (old.isEmpty()) return app.withVersionInfo(app.versionInfo().orElse(VersionInfo.initial(version)));
    if (app.versionInfo().isPresent() && !app.versionInfo().equals(old.get().versionInfo())) return app;
    AppDefinition bare = app.toBuilder().versionInfo(old.get().versionInfo()).build();
    if (bare.equals(old.get())) return old.get();
    return app.withVersionInfo(AppChanges.nextVersionInfo(old.get(), app, version));
  }

  private CoreEffect restart(RestartApp c) {
    Optional<AppDefinition> app = root.app(c.appId());
    if (app.isEmpty()) return notFound(c.appId());
    VersionInfo vi = app.get().versionInfo().orElse(VersionInfo.initial(c.version())).configChangedAt(c.version());
    return applyRoot(root.putApp(app.get().withVersionInfo(vi), c.version()), c.force(), c.deploymentId(),
        c.version(), Map.of());
  }

  private CoreEffect kill(KillInstances c) {
    Map<AppDefinition, List<TrackedInstance>> chosen = new LinkedHashMap<>();
    for (Map.Entry<PathId, List<String>> e : c.idsByApp().entrySet()) {
      Optional<AppDefinition> app = root.app(e.getKey());
      if (app.isEmpty()) continue;
      List<TrackedInstance> mine = chosen.computeIfAbsent(app.get(), k -> new ArrayList<>());
      for (String id : e.getValue()) {
        Optional<String> instanceId = TaskId.parse(id).map(t -> t.instanceId().idString())
            .or(() -> InstanceId.parse(id).map(InstanceId::idString));
        if (instanceId.isEmpty()) return new CoreEffect.Invalid(ErrorBody.message("Invalid task id '" + id + "'"));
        tracker.get(e.getKey().toString(), instanceId.get()).ifPresent(mine::add);
      }
    }
    if (chosen.isEmpty()) return notFound(c.idsByApp().keySet().iterator().next());
    if (c.scale()) {
      Group target = root;
      Map<String, List<String>> toKill = new LinkedHashMap<>();
      for (Map.Entry<AppDefinition, List<TrackedInstance>> e : chosen.entrySet()) {
        AppDefinition app = e.getKey();
        target = target.putApp(app.withInstances(Math.max(0, app.instances() - e.getValue().size())), c.version());
        toKill.put(app.id().toString(), e.getValue().stream().map(TrackedInstance::id).toList());
      }
      return applyRoot(target, c.force(), c.deploymentId(), c.version(), toKill);
    }
    List<TrackedInstance> all = chosen.values().stream().flatMap(List::stream).toList();
    all.forEach(this::killInstance);
    return new CoreEffect.Killed(all.stream().map(TrackedInstance::instance).toList());
  }

  private CoreEffect cancel(CancelDeployment c) {
    Running run = deployments.get(c.id());
    if (run == null) return new CoreEffect.NotFound("DeploymentPlan " + c.id() + " does not exist");
    stop(c.id());
    if (c.force()) return new CoreEffect.Done();
    return applyRoot(revert(run.record(), root, c.version()), true, c.rollbackId(), c.version(), Map.of());
  }

  /** Marathon's reverter on groups: every app the deployment changed goes back, apps it added are removed. */
  static Group revert(DeploymentRecord record, Group current, Timestamp version) {
    TreeSet<PathId> ids = new TreeSet<>();
    record.original().transitiveApps().forEach(a -> ids.add(a.id()));
    record.target().transitiveApps().forEach(a -> ids.add(a.id()));
    Group out = current;
    for (PathId id : ids) {
      Optional<AppDefinition> before = record.original().app(id);
      Optional<AppDefinition> after = record.target().app(id);
      if (before.equals(after)) continue;
      out = before.isPresent() ? out.putApp(before.get(), version) : out.removeApp(id, version);
    }
    return out;
  }

  private CoreEffect resetDelay(PathId appId) {
    if (launchQueue.entry(appId.toString()).isEmpty()) {
      return new CoreEffect.NotFound("Application " + appId + " not found in tasks queue.");
    }
    launchQueue.resetDelay(appId.toString());
    return new CoreEffect.Done();
  }

  private static CoreEffect notFound(PathId appId) { return new CoreEffect.NotFound("App '" + appId + "' does not exist"); }

  // ---- deployments ----

  /** Cancels a running deployment: deleted from the store, {@code deployment_failed} published. */
  private Running stop(String id) {
    Running run = deployments.remove(id);
    run.progress().cancel();
    emit(new CoreEffect.DeleteDeployment(id));
    publish(CoreEvents.deploymentResult("deployment_failed", run.record().plan(), now()));
    return run;
  }

  void apply(Running run, List<DeploymentCommand> commands) {
    DeploymentPlan plan = run.record().plan();
    for (DeploymentCommand c : commands) {
      switch (c) {
        case DeploymentCommand.Launch l -> root.app(PathId.of(l.spec().id())).ifPresent(app ->
            launchQueue.add(l.spec().id(), l.spec().version(), app.role(), AppSpecs.backoff(app), l.count(), now()));
        case DeploymentCommand.Kill k -> k.instanceIds().forEach(i ->
            tracker.get(k.appId(), i).ifPresent(this::killInstance));
        case DeploymentCommand.ResetDelay r -> launchQueue.resetDelay(r.appId());
        case DeploymentCommand.StepStarted s ->
            publish(CoreEvents.deploymentStatus("deployment_info", plan, s.step(), now()));
        case DeploymentCommand.StepSucceeded s ->
            publish(CoreEvents.deploymentStatus("deployment_step_success", plan, s.step(), now()));
        case DeploymentCommand.AppTerminated t -> {
          if (root.app(PathId.of(t.appId())).isEmpty()) {
            launchQueue.remove(t.appId());
            if (lastFailures.remove(t.appId()) != null) emit(new CoreEffect.DeleteTaskFailure(t.appId()));
            statistics.launchFinished(t.appId());
          }
          publish(CoreEvents.appTerminated(t.appId(), now()));
        }
        case DeploymentCommand.Succeeded s -> {
          deployments.remove(plan.id());
          emit(new CoreEffect.DeleteDeployment(plan.id()));
          publish(CoreEvents.deploymentResult("deployment_success", plan, now()));
          plan.affectedApps().forEach(this::scaleCheck);
        }
      }
    }
  }

  /** Feeds an instance's new state to every running deployment. */
  void notifyDeployments(TrackedInstance t) {
    InstanceView view = t.view();
    for (Running run : List.copyOf(deployments.values())) {
      if (!deployments.containsKey(run.record().id())) continue;
      apply(run, run.progress().onInstance(t.appId(), view, tracker::views));
    }
  }

  boolean locked(String appId) {
    return deployments.values().stream().anyMatch(r -> r.record().plan().affectedApps().contains(appId));
  }

  void killInstance(TrackedInstance t) {
    if (t.killRequested()) return;
    tracker.put(t.killing());
    emit(new CoreEffect.Kill(t.instance().taskId().idString(), t.instance().agentId()));
  }

  /**
   * Marathon's scale check for an app outside deployments: queue the missing instances, drop queued ones no longer
   * wanted and kill the surplus by the app's kill selection.
   */
  void scaleCheck(String appId) {
    Optional<AppDefinition> app = root.app(PathId.of(appId));
    if (app.isEmpty() || locked(appId)) return;
    List<TrackedInstance> active = tracker.of(appId).stream().filter(TrackedInstance::active).toList();
    int queued = launchQueue.entry(appId).map(LaunchQueue.Entry::count).orElse(0);
    int missing = app.get().instances() - active.size() - queued;
    if (missing > 0) {
      launchQueue.add(appId, AppSpecs.configVersion(app.get()).toString(), app.get().role(),
          AppSpecs.backoff(app.get()), missing, now());
    } else if (missing < 0) {
      int dropQueued = Math.min(queued, -missing);
      if (dropQueued > 0 && launchQueue.launched(appId, dropQueued) == 0) statistics.launchFinished(appId);
      if (active.size() > app.get().instances()) {
        List<InstanceView> views = active.stream().map(TrackedInstance::view).toList();
        ScalingProposition p = ScalingProposition.propose(views, List.of(), app.get().instances(),
            app.get().killSelection());
        p.toKill().forEach(id -> tracker.get(appId, id).ifPresent(this::killInstance));
      }
    }
  }

  // ---- scheduler ----

  private void subscribed(String id) {
    frameworkId = id;
    subscribed = true;
    publish(CoreEvents.schedulerRegistered(id, now()));
    reconcile();
    // A new subscription starts unsuppressed on the master: state it, then let the queue's signal catch up.
    emit(launchQueue.launchable(now()).isEmpty() ? new CoreEffect.Suppress() : new CoreEffect.Revive());
    launchQueue.offerSignal(now());
  }

  private void reconcile() {
    lastReconcileMs = now();
    List<CoreEffect.ReconcileTask> known = tracker.all().stream()
        .filter(t -> t.instance().agentId() != null && !t.instance().agentId().isEmpty())
        .map(t -> new CoreEffect.ReconcileTask(t.instance().taskId().idString(), t.instance().agentId())).toList();
    if (!known.isEmpty()) emit(new CoreEffect.Reconcile(known));
    emit(new CoreEffect.Reconcile(List.of()));
  }

  private void offerSignal() {
    if (!subscribed) return;
    switch (launchQueue.offerSignal(now())) {
      case REVIVE -> emit(new CoreEffect.Revive());
      case SUPPRESS -> emit(new CoreEffect.Suppress());
      case NONE -> { }
    }
  }

  private void tick() {
    long now = now();
    if (subscribed && now - lastReconcileMs >= config.reconciliationIntervalMs()) reconcile();
    updates.timers();
    if (now - lastScaleCheckMs >= config.scaleAppsIntervalMs()) {
      lastScaleCheckMs = now;
      for (AppDefinition app : root.transitiveApps()) scaleCheck(app.id().toString());
    }
  }
}
