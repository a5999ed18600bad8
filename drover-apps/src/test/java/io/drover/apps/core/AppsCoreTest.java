package io.drover.apps.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.apps.deploy.InstanceCondition;
import io.drover.apps.model.AppDefinition;
import io.drover.apps.model.Group;
import io.drover.apps.model.PathId;
import io.drover.apps.model.Timestamp;
import io.drover.common.random.Rng;
import io.drover.common.time.ManualClock;
import io.drover.master.api.v1.ApiJson;
import io.drover.master.api.v1.Offer;
import io.drover.master.api.v1.TaskStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class AppsCoreTest {
  static final long T0 = 1_700_000_000_000L;
  final ManualClock clock = new ManualClock(T0);
  AppsCore core = new AppsCore(CoreConfig.defaults(), clock, Rng.seeded(7), Group.emptyRoot(Timestamp.ofEpochMs(T0)));
  CoreViews views = new CoreViews(core);
  int offerSeq;

  static Offer offer(String id, String agent, double cpus) {
    return ApiJson.read("""
        {"id":{"value":"%s"},"framework_id":{"value":"fw"},"agent_id":{"value":"%s"},"hostname":"h-%s",
         "allocation_info":{"role":"*"},
         "resources":[
          {"name":"cpus","type":"SCALAR","scalar":{"value":%s},"allocation_info":{"role":"*"}},
          {"name":"mem","type":"SCALAR","scalar":{"value":4096},"allocation_info":{"role":"*"}},
          {"name":"ports","type":"RANGES","ranges":{"range":[{"begin":31000,"end":31099}]},"allocation_info":{"role":"*"}}
         ]}
        """.formatted(id, agent, agent, cpus), Offer.class);
  }

  static TaskStatus status(String taskId, String agent, String state, String extra) {
    return ApiJson.read("{\"task_id\":{\"value\":\"%s\"},\"agent_id\":{\"value\":\"%s\"},\"state\":\"%s\"%s}"
        .formatted(taskId, agent, state, extra), TaskStatus.class);
  }

  List<CoreEffect> run(CoreCommand c) { return core.handle(c); }

  Timestamp tick() {
    clock.advanceMillis(1000);
    return Timestamp.ofEpochMs(clock.wallMillis());
  }

  List<CoreEffect> deploy(AppDefinition app, boolean force, String id) {
    Timestamp v = tick();
    return run(new CoreCommand.ApplyRootGroup(core.root.putApp(app, v), force, id, v));
  }

  static AppDefinition app(String id, int n) {
    return AppDefinition.builder(PathId.of(id)).cmd("sleep 1000").cpus(1).memMb(32).instances(n).build();
  }

  static <T> List<T> of(List<CoreEffect> effects, Class<T> type) {
    return effects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  static List<String> events(List<CoreEffect> effects) {
    return of(effects, CoreEffect.Publish.class).stream().map(CoreEffect.Publish::eventType).toList();
  }

  /** Offers on distinct agents (4 cpus each) until nothing is launched; returns the launched task ids. */
  List<String> launchAll(List<CoreEffect> sink) {
    List<String> tasks = new ArrayList<>();
    for (int round = 0; round < 10; round++) {
      List<CoreEffect> e = run(new CoreCommand.Offers(List.of(offer("o" + (++offerSeq), "a" + offerSeq, 4))));
      sink.addAll(e);
      List<CoreEffect.Launch> l = of(e, CoreEffect.Launch.class);
      if (l.isEmpty()) break;
      l.forEach(x -> x.requests().forEach(r -> tasks.add(r.instance().taskId().idString())));
    }
    return tasks;
  }

  List<CoreEffect> runAll(List<String> tasks, String extra) {
    List<CoreEffect> all = new ArrayList<>();
    for (String t : tasks) all.addAll(run(new CoreCommand.StatusUpdate(status(t, "a", "TASK_RUNNING", extra))));
    return all;
  }

  @Test
  void aResentStartingThatArrivesAfterRunningLeavesTheInstanceRunning() {
    run(new CoreCommand.Subscribed("fw-1"));
    deploy(app("/web", 1), false, "d1");
    String task = launchAll(new ArrayList<>()).getFirst();
    run(new CoreCommand.StatusUpdate(status(task, "a", "TASK_STARTING", "")));
    runAll(List.of(task), "");
    assertThat(views.counts("/web").tasksRunning()).isEqualTo(1);

    List<CoreEffect> stale = run(new CoreCommand.StatusUpdate(status(task, "a", "TASK_STARTING", "")));
    assertThat(stale).isEmpty(); // nothing stored, nothing published
    assertThat(views.counts("/web").tasksRunning()).isEqualTo(1);
    // A real change still applies: the task ends.
    run(new CoreCommand.StatusUpdate(status(task, "a", "TASK_FAILED", "")));
    assertThat(views.counts("/web").tasksRunning()).isZero();
  }

  @Test
  void onlyEarlierStepsOfATasksLifeCountAsGoingBack() {
    assertThat(InstanceUpdates.goesBack(InstanceCondition.RUNNING, InstanceCondition.STARTING)).isTrue();
    assertThat(InstanceUpdates.goesBack(InstanceCondition.STARTING, InstanceCondition.STAGING)).isTrue();
    assertThat(InstanceUpdates.goesBack(InstanceCondition.KILLING, InstanceCondition.RUNNING)).isTrue();
    assertThat(InstanceUpdates.goesBack(InstanceCondition.STARTING, InstanceCondition.RUNNING)).isFalse();
    assertThat(InstanceUpdates.goesBack(InstanceCondition.RUNNING, InstanceCondition.RUNNING)).isFalse();
    assertThat(InstanceUpdates.goesBack(InstanceCondition.UNREACHABLE, InstanceCondition.RUNNING)).isFalse();
    assertThat(InstanceUpdates.goesBack(InstanceCondition.RUNNING, InstanceCondition.FAILED)).isFalse();
  }

  @Test
  void createLaunchRunSucceedThenScaleAndDelete() {
    List<CoreEffect> sub = run(new CoreCommand.Subscribed("fw-1"));
    assertThat(sub).contains(new CoreEffect.Suppress(), new CoreEffect.Reconcile(List.of()));

    List<CoreEffect> created = deploy(app("/web", 3), false, "d1");
    assertThat(created.getLast()).isInstanceOf(CoreEffect.Accepted.class);
    assertThat(created).contains(new CoreEffect.Revive());
    assertThat(events(created)).contains("group_change_success", "deployment_info");
    assertThat(views.deployments()).hasSize(1);

    // One 4-cpu offer fits 3 instances of 1 cpu (max 5 per offer).
    List<CoreEffect> sink = new ArrayList<>();
    List<String> tasks = launchAll(sink);
    assertThat(tasks).hasSize(3);
    assertThat(of(sink, CoreEffect.Decline.class)).hasSize(1); // the last offer was useless
    assertThat(views.counts("/web").tasksStaged()).isEqualTo(3);

    List<CoreEffect> running = runAll(tasks, "");
    assertThat(events(running)).contains("status_update_event", "instance_changed_event", "deployment_step_success",
        "deployment_success");
    assertThat(sink).contains(new CoreEffect.Suppress()); // all launched: nothing waits
    assertThat(views.counts("/web").tasksRunning()).isEqualTo(3);
    assertThat(views.deployments()).isEmpty();

    // Scale to 5: a scale-only change keeps the 3 running.
    List<CoreEffect> scaled = deploy(core.root.app(PathId.of("/web")).get().withInstances(5), false, "d2");
    assertThat(of(scaled, CoreEffect.Kill.class)).isEmpty();
    List<String> more = launchAll(new ArrayList<>());
    assertThat(more).hasSize(2);
    assertThat(events(runAll(more, ""))).contains("deployment_success");
    assertThat(views.counts("/web").tasksRunning()).isEqualTo(5);

    // Delete: every task killed; app_terminated_event once all are gone.
    Timestamp v = tick();
    List<CoreEffect> deleted = run(new CoreCommand.ApplyRootGroup(core.root.removeApp(PathId.of("/web"), v), true,
        "d3", v));
    List<CoreEffect.Kill> kills = of(deleted, CoreEffect.Kill.class);
    assertThat(kills).hasSize(5);
    List<CoreEffect> gone = new ArrayList<>();
    for (CoreEffect.Kill k : kills) {
      gone.addAll(run(new CoreCommand.StatusUpdate(status(k.taskId(), "a", "TASK_KILLED", ""))));
    }
    assertThat(events(gone)).contains("app_terminated_event", "deployment_success");
    assertThat(views.instances("/web")).isEmpty();
  }

  @Test
  void concurrentDeploymentIsLockedUnlessForced() {
    run(new CoreCommand.Subscribed("fw"));
    deploy(app("/a", 2), false, "d1");
    List<CoreEffect> second = deploy(app("/a", 4), false, "d2");
    assertThat(second.getLast()).isInstanceOfSatisfying(CoreEffect.Locked.class,
        l -> assertThat(l.body().deployments().getFirst().id()).isEqualTo("d1"));
    List<CoreEffect> forced = deploy(app("/a", 4), true, "d3");
    assertThat(forced.getLast()).isEqualTo(new CoreEffect.Accepted("d3", core.root.version().toString()));
    assertThat(events(forced)).contains("deployment_failed");
    assertThat(forced).contains(new CoreEffect.DeleteDeployment("d1"));
    assertThat(views.deploymentIds("/a")).containsExactly("d3");
  }

  @Test
  void failedInstanceIsReplacedWithBackoff() {
    run(new CoreCommand.Subscribed("fw"));
    deploy(app("/b", 1), false, "d1");
    List<String> tasks = launchAll(new ArrayList<>());
    runAll(tasks, "");
    List<CoreEffect> failed = run(new CoreCommand.StatusUpdate(status(tasks.getFirst(), "a", "TASK_FAILED",
        ",\"message\":\"boom\"")));
    assertThat(views.lastTaskFailure("/b")).hasValueSatisfying(f -> assertThat(f.state()).isEqualTo("TASK_FAILED"));
    assertThat(views.queue(false)).hasSize(1);
    assertThat(views.queue(false).getFirst().item().path("delay").path("overdue").asBoolean()).isFalse();
    assertThat(failed).doesNotContain(new CoreEffect.Revive()); // delayed: nothing launchable yet
    assertThat(launchAll(new ArrayList<>())).isEmpty();
    clock.advanceMillis(1500);
    assertThat(run(new CoreCommand.Tick(clock.wallMillis()))).contains(new CoreEffect.Revive());
    assertThat(launchAll(new ArrayList<>())).hasSize(1);
  }

  @Test
  void unreachableInstanceIsReplacedAndKilledWhenItReturns() {
    run(new CoreCommand.Subscribed("fw"));
    deploy(app("/c", 1), false, "d1");
    List<String> tasks = launchAll(new ArrayList<>());
    runAll(tasks, "");
    String lost = tasks.getFirst();
    List<CoreEffect> e = run(new CoreCommand.StatusUpdate(status(lost, "a", "TASK_LOST",
        ",\"reason\":\"REASON_AGENT_DISCONNECTED\"")));
    assertThat(e).contains(new CoreEffect.Revive());
    assertThat(views.instances("/c")).isEmpty(); // {0,0}: inactive and expunged at once
    assertThat(launchAll(new ArrayList<>())).hasSize(1);
    List<CoreEffect> back = run(new CoreCommand.StatusUpdate(status(lost, "a", "TASK_RUNNING", "")));
    assertThat(back).contains(new CoreEffect.Kill(lost, "a"));
  }

  @Test
  void unhealthyInstanceIsKilledAndReplaced() {
    run(new CoreCommand.Subscribed("fw"));
    AppDefinition a = app("/d", 1).toBuilder()
        .healthChecks(List.of(io.drover.apps.model.HealthCheck.http("/"))).build();
    deploy(a, false, "d1");
    List<String> tasks = launchAll(new ArrayList<>());
    List<CoreEffect> healthy = runAll(tasks, ",\"healthy\":true");
    assertThat(events(healthy)).contains("health_status_changed_event", "deployment_success");
    assertThat(views.counts("/d").tasksHealthy()).isEqualTo(1);
    List<CoreEffect> all = new ArrayList<>();
    for (int i = 0; i < 3; i++) all.addAll(runAll(tasks, ",\"healthy\":false"));
    assertThat(events(all)).contains("unhealthy_instance_kill_event");
    assertThat(of(all, CoreEffect.Kill.class)).hasSize(1);
    assertThat(launchAll(new ArrayList<>())).hasSize(1); // the replacement
  }

  @Test
  void rollingRestartKeepsMinimumHealthyAndRecoveryResumes() {
    run(new CoreCommand.Subscribed("fw"));
    deploy(app("/r", 2), false, "d1");
    List<String> old = launchAll(new ArrayList<>());
    runAll(old, "");
    Timestamp v = tick();
    List<CoreEffect> restart = run(new CoreCommand.RestartApp(PathId.of("/r"), false, "d2", v));
    assertThat(of(restart, CoreEffect.Kill.class)).isEmpty(); // minHealth 1: nothing dies before a new one runs
    List<String> fresh = launchAll(new ArrayList<>());
    assertThat(fresh).hasSize(2);
    // Leader failover: the stored state resumes the deployment; new running instances are not killed.
    run(new CoreCommand.StatusUpdate(status(fresh.getFirst(), "a", "TASK_RUNNING", "")));
    List<io.drover.apps.model.Instance> stored = new ArrayList<>();
    for (String app : List.of("/r")) stored.addAll(views.instances(app));
    AppsCore.Recovered rec = AppsCore.recover(CoreConfig.defaults(), clock, Rng.seeded(8), core.root, stored,
        views.deploymentRecords(), List.of());
    List<String> killed = of(rec.effects(), CoreEffect.Kill.class).stream().map(CoreEffect.Kill::taskId).toList();
    assertThat(killed).doesNotContain(fresh.getFirst(), fresh.get(1)).allMatch(old::contains);
    core = rec.core();
    views = new CoreViews(core);
    List<CoreEffect> done = new ArrayList<>(rec.effects());
    for (CoreEffect.Kill k : of(rec.effects(), CoreEffect.Kill.class)) {
      done.addAll(run(new CoreCommand.StatusUpdate(status(k.taskId(), "a", "TASK_KILLED", ""))));
    }
    done.addAll(runAll(List.of(fresh.get(1)), ""));
    for (CoreEffect.Kill k : of(done, CoreEffect.Kill.class)) {
      if (old.contains(k.taskId())) done.addAll(run(new CoreCommand.StatusUpdate(status(k.taskId(), "a", "TASK_KILLED", ""))));
    }
    assertThat(views.conditions("/r").values()).containsOnly(InstanceCondition.RUNNING);
    assertThat(views.instances("/r")).extracting(i -> i.taskId().idString()).containsExactlyInAnyOrderElementsOf(fresh);
  }
}
