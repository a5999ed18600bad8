package io.drover.apps.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.drover.agent.node.Agent;
import io.drover.apps.core.CoreCommand;
import io.drover.apps.core.CoreConfig;
import io.drover.apps.core.CoreEffect;
import io.drover.apps.core.CoreViews;
import io.drover.apps.model.AppDefinition;
import io.drover.apps.model.AppJson;
import io.drover.apps.model.Group;
import io.drover.apps.model.Instance;
import io.drover.apps.model.PathId;
import io.drover.apps.model.Timestamp;
import io.drover.apps.store.Category;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver end to end on real components: coord, master, an agent with the process containerizer and apps
 * services on port 0. Tasks are real {@code sleep} processes; the test deletes the app at the end (and on failure)
 * so every task is killed.
 */
final class AppsDriverTest {
  private static final PathId APP = PathId.parse("/sleepy");
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;
  private Cluster cluster;
  private Agent agent;
  private Cluster.Apps apps;

  @AfterEach
  void tearDown() throws Exception {
    try {
      if (apps != null) apps.removeAllApps(APP.toString(), WAIT); // no sleep process left behind
    } finally {
      if (apps != null) apps.service().close();
      if (agent != null) agent.close();
      if (cluster != null) cluster.close();
    }
  }

  @Test
  void deploysScalesSurvivesFailoverAndDeletes() throws Exception {
    cluster = new Cluster(dir.resolve("coord"));
    cluster.startMaster();
    agent = cluster.startProcessAgent(dir.resolve("agent"));
    apps = startApps();
    AppsBackend backend = awaitReady(apps);

    // Deploy: 2 instances reach TASK_RUNNING on the agent; group and instances are stored.
    AppDefinition app = AppJson.parse("""
        {"id": "/sleepy", "cmd": "sleep 600", "instances": 2, "cpus": 0.1, "mem": 32}""", PathId.ROOT).orThrow();
    CoreEffect reply = backend.submit(v -> apply(v.rootGroup().putApp(app, now()))).get(20, TimeUnit.SECONDS);
    assertThat(reply).isInstanceOf(CoreEffect.Accepted.class);
    awaitRunning(backend, 2);
    AppsStore store = apps.service().store();
    Group stored = StateCodec.group(store.groups().get(Category.ROOT_GROUP_ID).orElseThrow());
    assertThat(stored.app(APP)).hasValueSatisfying(a -> assertThat(a.instances()).isEqualTo(2));
    await().atMost(WAIT).until(() -> runningInStore(store) == 2);
    await().atMost(WAIT).until(() -> store.deployments().ids().isEmpty());

    // Scale to 3.
    reply = backend.submit(v -> apply(v.rootGroup().putApp(v.rootGroup().app(APP).orElseThrow().withInstances(3),
        now()))).get(20, TimeUnit.SECONDS);
    assertThat(reply).isInstanceOf(CoreEffect.Accepted.class);
    awaitRunning(backend, 3);
    await().atMost(WAIT).until(() -> runningInStore(store) == 3);
    // Both definitions are stored versions (newest first), readable back from ZooKeeper.
    var versions = backend.versions().appVersions(APP);
    assertThat(versions).hasSize(2).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    assertThat(backend.versions().app(APP, versions.get(1)).orElseThrow().instances()).isEqualTo(2);
    assertThat(backend.versions().rootVersions()).hasSizeGreaterThanOrEqualTo(2);
    List<String> tasksBefore = taskIds(backend);
    String frameworkId = backend.read(v -> v.frameworkId().orElseThrow()).get(20, TimeUnit.SECONDS);

    // Fail over: a new service on the same zk recovers the state and adopts the running tasks.
    apps.service().close();
    assertThatThrownBy(() -> backend.read(CoreViews::rootGroup).get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not the leader");
    apps = startApps();
    AppsBackend second = awaitReady(apps);
    assertThat(second).isNotSameAs(backend);
    assertThat(second.read(v -> v.frameworkId().orElseThrow()).get(20, TimeUnit.SECONDS)).isEqualTo(frameworkId);
    assertThat(second.read(v -> v.rootGroup().app(APP).map(AppDefinition::instances)).get(20, TimeUnit.SECONDS))
        .contains(3);
    awaitRunning(second, 3);
    assertThat(taskIds(second)).containsExactlyInAnyOrderElementsOf(tasksBefore);
    assertThat(cluster.masterFrameworks()).hasSize(1);
    assertThat(cluster.masterFrameworks().get(0).path("tasks").size()).isEqualTo(3);

    // Delete: every task is killed, nothing is left in the store.
    reply = second.submit(v -> apply(v.rootGroup().removeApp(APP, now()))).get(20, TimeUnit.SECONDS);
    assertThat(reply).isInstanceOf(CoreEffect.Accepted.class);
    await().atMost(WAIT).until(() -> second.read(v -> v.instances(APP.toString()).isEmpty()).get());
    AppsStore store2 = apps.service().store();
    await().atMost(WAIT).until(() -> store2.instances().ids().isEmpty());
    await().atMost(WAIT).until(() -> cluster.masterFrameworks().get(0).path("tasks").isEmpty());
    assertThat(StateCodec.group(store2.groups().get(Category.ROOT_GROUP_ID).orElseThrow()).app(APP)).isEmpty();
    assertThat(apps.exits()).isEmpty();
  }

  @Test
  void backendFailsWhileNotLeading() throws Exception {
    cluster = new Cluster(dir.resolve("coord"));
    // No master: the term never subscribes, so the core is never ready.
    apps = startApps();
    await().atMost(WAIT).until(() -> apps.service().isLeader());
    AppsBackend b = backend(apps).orElseThrow();
    assertThatThrownBy(() -> b.read(CoreViews::rootGroup).get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(IllegalStateException.class).hasMessageContaining("not the leader");
    assertThat(((AppsDriver) b).isReady()).isFalse();
  }

  private Cluster.Apps startApps() throws Exception {
    return cluster.startApps(b -> b.schedulerListeners(AppsDriver.listeners(CoreConfig.defaults())));
  }

  private static Optional<AppsBackend> backend(Cluster.Apps a) { return a.service().backend(); }

  private static AppsBackend awaitReady(Cluster.Apps a) {
    await().atMost(WAIT).until(() -> backend(a).map(b -> ((AppsDriver) b).isReady()).orElse(false));
    return backend(a).orElseThrow();
  }

  private static AppsBackend.Step apply(Group target) {
    return new AppsBackend.Run(new CoreCommand.ApplyRootGroup(target, false, UUID.randomUUID().toString(), now()));
  }

  private static Timestamp now() { return Timestamp.ofEpochMs(System.currentTimeMillis()); }

  private static void awaitRunning(AppsBackend b, int n) {
    Function<CoreViews, CoreViews.Counts> counts = v -> v.counts(APP.toString());
    await().atMost(WAIT).until(() -> b.read(counts).get(), c -> c.tasksRunning() == n && c.tasksStaged() == 0);
  }

  private static List<String> taskIds(AppsBackend b) throws Exception {
    return b.read(v -> v.instances(APP.toString()).stream().map(i -> i.taskId().idString()).toList())
        .get(20, TimeUnit.SECONDS);
  }

  private static long runningInStore(AppsStore store) throws Exception {
    long n = 0;
    for (String id : store.instances().ids()) {
      Instance i = StateCodec.instance(store.instances().get(id).orElseThrow());
      if (i.state().equals("TASK_RUNNING")) n++;
    }
    return n;
  }
}
