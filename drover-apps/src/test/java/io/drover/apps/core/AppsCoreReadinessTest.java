package io.drover.apps.core;

import static io.drover.apps.core.AppsCoreTest.of;
import static io.drover.apps.core.AppsCoreTest.offer;
import static io.drover.apps.core.AppsCoreTest.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.drover.apps.deploy.DeploymentJson.CurrentActionView;
import io.drover.apps.deploy.DeploymentJson.LastResponseView;
import io.drover.apps.deploy.DeploymentJson.ReadinessCheckResultView;
import io.drover.apps.model.AppDefinition;
import io.drover.apps.model.Container;
import io.drover.apps.model.Group;
import io.drover.apps.model.Instance;
import io.drover.apps.model.InstanceId;
import io.drover.apps.model.PathId;
import io.drover.apps.model.PortDefinition;
import io.drover.apps.model.PortMapping;
import io.drover.apps.model.ReadinessCheck;
import io.drover.apps.model.TaskId;
import io.drover.apps.model.Timestamp;
import io.drover.common.random.Rng;
import io.drover.common.time.ManualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Readiness checks in the pure core: which tasks are checked, and how answers drive deployments and views. */
final class AppsCoreReadinessTest {
  static final ReadinessCheck CHECK = new ReadinessCheck("ready", "HTTP", "/ready", "http", 5, 2, List.of(200), true);
  final ManualClock clock = new ManualClock(AppsCoreTest.T0);
  AppsCore core = new AppsCore(CoreConfig.defaults(), clock, Rng.seeded(3),
      Group.emptyRoot(Timestamp.ofEpochMs(AppsCoreTest.T0)));
  CoreViews views = new CoreViews(core);
  int offerSeq;

  static AppDefinition app(int n) {
    return AppDefinition.builder(PathId.of("/web")).cmd("serve").cpus(1).memMb(32).instances(n)
        .portDefinitions(List.of(new PortDefinition(0, "tcp", Optional.of("http"), Map.of())))
        .readinessChecks(List.of(CHECK)).build();
  }

  List<CoreEffect> run(CoreCommand c) { return core.handle(c); }

  Timestamp tick() {
    clock.advanceMillis(1000);
    return Timestamp.ofEpochMs(clock.wallMillis());
  }

  List<String> launch() {
    List<CoreEffect> e = run(new CoreCommand.Offers(List.of(offer("o" + (++offerSeq), "a" + offerSeq, 4))));
    List<String> tasks = new ArrayList<>();
    of(e, CoreEffect.Launch.class).forEach(l -> l.requests().forEach(r -> tasks.add(r.instance().taskId().idString())));
    return tasks;
  }

  List<CoreEffect> running(String task) {
    return run(new CoreCommand.StatusUpdate(status(task, "a", "TASK_RUNNING", "")));
  }

  List<CoreEffect> answer(String task, boolean ready, int status) {
    return run(new CoreCommand.ReadinessResult(new ReadinessCheckResultView(task, "ready", ready,
        new LastResponseView(status, "text/plain", ready ? "ok" : "wait"))));
  }

  List<CurrentActionView> currentActions() { return views.deployments().getFirst().currentActions(); }

  /** Deploys one instance and makes it ready; returns its task id. */
  String deployedReady() {
    run(new CoreCommand.Subscribed("fw"));
    Timestamp v = tick();
    run(new CoreCommand.ApplyRootGroup(core.root.putApp(app(1), v), false, "d1", v));
    String task = launch().getFirst();
    List<CoreEffect> up = running(task);
    CoreEffect.StartReadinessCheck start = of(up, CoreEffect.StartReadinessCheck.class).getFirst();
    Instance i = views.instances("/web").getFirst();
    assertThat(start.taskId()).isEqualTo(task);
    assertThat(start.check()).isEqualTo(CHECK);
    assertThat(start.url()).isEqualTo("http://" + i.host() + ":" + i.hostPorts().getFirst() + "/ready");
    assertThat(views.deployments()).hasSize(1); // the scale waits for readiness
    assertThat(AppsCoreTest.events(answer(task, true, 200))).contains("deployment_success");
    return task;
  }

  @Test
  void restartKillsTheOldInstanceOnlyOnceTheNewOneIsReady() {
    String old = deployedReady();
    assertThat(core.readiness.checking()).isEmpty();

    Timestamp v = tick();
    List<CoreEffect> restart = run(new CoreCommand.RestartApp(PathId.of("/web"), false, "d2", v));
    assertThat(of(restart, CoreEffect.Kill.class)).isEmpty();
    String fresh = launch().getFirst();
    assertThat(of(run(new CoreCommand.Tick(clock.wallMillis())), CoreEffect.StartReadinessCheck.class))
        .as("not checked before it runs").isEmpty();
    List<CoreEffect> up = running(fresh);
    assertThat(of(up, CoreEffect.StartReadinessCheck.class)).extracting(CoreEffect.StartReadinessCheck::taskId)
        .containsExactly(fresh);
    assertThat(of(up, CoreEffect.Kill.class)).as("running but not ready").isEmpty();
    assertThat(currentActions().getFirst().readinessCheckResults()).isEmpty();

    List<CoreEffect> notReady = answer(fresh, false, 503);
    assertThat(of(notReady, CoreEffect.Kill.class)).isEmpty();
    assertThat(of(notReady, CoreEffect.StopReadinessCheck.class)).isEmpty();
    ReadinessCheckResultView waiting = new ReadinessCheckResultView(fresh, "ready", false,
        new LastResponseView(503, "text/plain", "wait"));
    assertThat(currentActions().getFirst().action()).isEqualTo("RestartApplication");
    assertThat(currentActions().getFirst().readinessCheckResults()).containsExactly(waiting);
    assertThat(views.readiness("/web")).containsExactly(waiting);
    assertThat(views.app("/web").orElseThrow().readiness()).containsExactly(waiting);

    List<CoreEffect> ready = answer(fresh, true, 200);
    assertThat(of(ready, CoreEffect.Kill.class)).extracting(CoreEffect.Kill::taskId).containsExactly(old);
    assertThat(ready).contains(new CoreEffect.StopReadinessCheck(fresh));
    assertThat(currentActions().getFirst().readinessCheckResults()).extracting(ReadinessCheckResultView::ready)
        .containsExactly(true);
    assertThat(answer(fresh, true, 200)).as("a late answer of a stopped check is ignored")
        .noneMatch(e -> e instanceof CoreEffect.Kill || e instanceof CoreEffect.StartReadinessCheck);

    List<CoreEffect> gone = run(new CoreCommand.StatusUpdate(status(old, "a", "TASK_KILLED", "")));
    assertThat(AppsCoreTest.events(gone)).contains("deployment_success");
    assertThat(views.deployments()).isEmpty();
    assertThat(views.readiness("/web")).isEmpty();
  }

  @Test
  void aNewLeaderChecksAgainWhatWasNotSeenReady() {
    String old = deployedReady();
    Timestamp v = tick();
    run(new CoreCommand.RestartApp(PathId.of("/web"), false, "d2", v));
    String fresh = launch().getFirst();
    running(fresh);
    answer(fresh, false, 503);

    AppsCore.Recovered rec = AppsCore.recover(CoreConfig.defaults(), clock, Rng.seeded(4), core.root,
        views.instances("/web"), views.deploymentRecords(), List.of());
    assertThat(of(rec.effects(), CoreEffect.StartReadinessCheck.class))
        .extracting(CoreEffect.StartReadinessCheck::taskId).containsExactly(fresh);
    core = rec.core();
    views = new CoreViews(core);
    assertThat(currentActions().getFirst().readinessCheckResults()).as("results are not stored").isEmpty();
    // Marathon's restart math on resumption kills the surplus old instance at once (2 alive, 1 wanted) ...
    assertThat(of(rec.effects(), CoreEffect.Kill.class)).extracting(CoreEffect.Kill::taskId).containsExactly(old);
    run(new CoreCommand.StatusUpdate(status(old, "a", "TASK_KILLED", "")));
    // ... but the deployment still ends only once the new instance is seen ready.
    assertThat(views.deployments()).hasSize(1);
    assertThat(AppsCoreTest.events(answer(fresh, true, 200))).contains("deployment_success");
    assertThat(views.deployments()).isEmpty();
  }

  @Test
  void aCheckedInstanceThatDiesIsNoLongerChecked() {
    deployedReady();
    Timestamp v = tick();
    run(new CoreCommand.RestartApp(PathId.of("/web"), false, "d2", v));
    String fresh = launch().getFirst();
    running(fresh);
    assertThat(core.readiness.checking()).containsExactly(fresh);
    List<CoreEffect> failed = run(new CoreCommand.StatusUpdate(status(fresh, "a", "TASK_FAILED", "")));
    assertThat(failed).contains(new CoreEffect.StopReadinessCheck(fresh));
    assertThat(core.readiness.checking()).isEmpty();
  }

  @Test
  void appsWithoutReadinessChecksAreNeverChecked() {
    run(new CoreCommand.Subscribed("fw"));
    Timestamp v = tick();
    AppDefinition plain = app(1).toBuilder().readinessChecks(List.of()).build();
    run(new CoreCommand.ApplyRootGroup(core.root.putApp(plain, v), false, "d1", v));
    List<CoreEffect> up = running(launch().getFirst());
    assertThat(of(up, CoreEffect.StartReadinessCheck.class)).isEmpty();
    assertThat(AppsCoreTest.events(up)).contains("deployment_success");
    assertThat(views.readiness("/web")).isEmpty();
  }

  @Test
  void urlUsesTheNamedPortsHostPortOrTheContainerAddress() {
    InstanceId id = InstanceId.create(PathId.of("/web"), Rng.seeded(1));
    Instance i = new Instance(id, TaskId.of(id, 1), Timestamp.ofEpochMs(0), "agent", "10.0.0.5", List.of(31001, 0),
        List.of(), List.of(new Instance.IpAddress("172.17.0.9", "IPv4")), "TASK_RUNNING", Timestamp.ofEpochMs(0),
        Optional.empty(), List.of(), "*", Optional.empty(), Optional.empty());
    AppDefinition hostNet = app(1).toBuilder().portDefinitions(List.of(
        new PortDefinition(0, "tcp", Optional.of("admin"), Map.of()),
        new PortDefinition(0, "tcp", Optional.of("http"), Map.of()))).build();
    assertThat(ReadinessTracker.url(hostNet, i, CHECK)).as("no host port for index 1").isEmpty();
    PortMapping named = new PortMapping(8080, Optional.of(0), 0, "tcp", Optional.of("http"), Map.of(), List.of());
    PortMapping containerOnly = new PortMapping(9090, Optional.empty(), 0, "tcp", Optional.of("http"), Map.of(),
        List.of());
    AppDefinition bridge = app(1).toBuilder().container(Container.docker("img", List.of(named,
        PortMapping.DEFAULT))).build();
    assertThat(ReadinessTracker.url(bridge, i, CHECK)).contains("http://10.0.0.5:31001/ready");
    AppDefinition overlay = app(1).toBuilder().container(Container.docker("img", List.of(PortMapping.DEFAULT,
        containerOnly))).build();
    ReadinessCheck https = new ReadinessCheck("r", "HTTPS", "/", "http", 5, 2, List.of(200), false);
    assertThat(ReadinessTracker.url(overlay, i, https)).contains("https://172.17.0.9:9090/");
  }
}
