package io.drover.apps.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.agent.node.Agent;
import io.drover.apps.core.CoreCommand;
import io.drover.apps.core.CoreConfig;
import io.drover.apps.core.CoreEffect;
import io.drover.apps.deploy.DeploymentJson;
import io.drover.apps.deploy.DeploymentJson.ReadinessCheckResultView;
import io.drover.apps.model.AppDefinition;
import io.drover.apps.model.AppJson;
import io.drover.apps.model.Group;
import io.drover.apps.model.Instance;
import io.drover.apps.model.PathId;
import io.drover.apps.model.Timestamp;
import io.drover.common.testing.Requirements;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readiness checks end to end: coord, master, an agent with the process containerizer and the apps driver. Each
 * task is a {@code busybox httpd} serving its own directory, so {@code GET /ready} answers 404 until the test
 * creates that task's {@code ready} file. A rolling restart must keep the old task until the new one is ready.
 */
final class ReadinessEndToEndTest {
  private static final PathId APP = PathId.parse("/ready-web");
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;
  private Cluster cluster;
  private Agent agent;
  private Cluster.Apps apps;

  @AfterEach void tearDown() throws Exception {
    try {
      if (apps != null) apps.removeAllApps(APP.toString(), WAIT);
    } finally {
      if (apps != null) apps.service().close();
      if (agent != null) agent.close();
      if (cluster != null) cluster.close();
    }
  }

  @Test void rollingRestartWaitsForTheNewTaskToBeReady() throws Exception {
    Requirements.require(Files.isExecutable(Path.of("/bin/busybox")) || Files.isExecutable(Path.of("/usr/bin/busybox")),
        "busybox is not installed");
    Path www = Files.createDirectories(dir.resolve("www"));
    cluster = new Cluster(dir.resolve("coord"));
    cluster.startMaster();
    agent = cluster.startProcessAgent(dir.resolve("agent"));
    apps = cluster.startApps(b -> b.schedulerListeners(AppsDriver.listeners(CoreConfig.defaults())));
    await().atMost(WAIT).until(() -> apps.service().backend().map(b -> ((AppsDriver) b).isReady()).orElse(false));
    AppsBackend backend = apps.service().backend().orElseThrow();

    AppDefinition app = AppJson.parse("""
        {"id": "/ready-web", "instances": 1, "cpus": 0.1, "mem": 32,
         "cmd": "mkdir -p %s/$MESOS_TASK_ID && exec busybox httpd -f -p 127.0.0.1:$PORT0 -h %s/$MESOS_TASK_ID",
         "portDefinitions": [{"port": 0, "name": "http"}],
         "readinessChecks": [{"name": "ready", "path": "/ready", "portName": "http", "intervalSeconds": 2,
           "timeoutSeconds": 1, "preserveLastResponse": true}]}""".formatted(www, www), PathId.ROOT).orThrow();
    CoreEffect reply = backend.submit(v -> apply(v.rootGroup().putApp(app, now()))).get(20, TimeUnit.SECONDS);
    assertThat(reply).isInstanceOf(CoreEffect.Accepted.class);

    // The first deployment waits for its task too: not ready (404) until its file exists.
    String first = awaitRunningTask(backend, null);
    await().atMost(WAIT).until(() -> results(backend).stream().anyMatch(r -> r.taskId().equals(first)
        && !r.ready() && r.lastResponse() != null && r.lastResponse().status() == 404));
    assertThat(deployments(backend)).hasSize(1);
    Files.writeString(Files.createDirectories(www.resolve(first)).resolve("ready"), "yes");
    await().atMost(WAIT).until(() -> deployments(backend).isEmpty());

    // Restart: the new task runs but is not ready, so the old one stays.
    reply = backend.submit(v -> new AppsBackend.Run(new CoreCommand.RestartApp(APP, false,
        UUID.randomUUID().toString(), now()))).get(20, TimeUnit.SECONDS);
    assertThat(reply).isInstanceOf(CoreEffect.Accepted.class);
    String second = awaitRunningTask(backend, first);
    await().atMost(WAIT).until(() -> results(backend).stream().filter(r -> r.taskId().equals(second)).count() >= 1);
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> taskIds(backend).contains(first)
        && deployments(backend).size() == 1);
    ReadinessCheckResultView waiting = results(backend).stream().filter(r -> r.taskId().equals(second))
        .findFirst().orElseThrow();
    assertThat(waiting.ready()).isFalse();
    assertThat(waiting.name()).isEqualTo("ready");
    assertThat(waiting.lastResponse().status()).isEqualTo(404);
    assertThat(backend.read(v -> v.readiness(APP.toString())).get(20, TimeUnit.SECONDS)).contains(waiting);

    // Ready: the old task is killed and the deployment ends.
    Files.writeString(Files.createDirectories(www.resolve(second)).resolve("ready"), "yes");
    await().atMost(WAIT).until(() -> deployments(backend).isEmpty());
    await().atMost(WAIT).until(() -> taskIds(backend).equals(List.of(second)));
    assertThat(backend.read(v -> v.readiness(APP.toString())).get(20, TimeUnit.SECONDS)).isEmpty();
    assertThat(apps.exits()).isEmpty();
  }

  /** The task id of the app's RUNNING task other than {@code other}, once there is one. */
  private static String awaitRunningTask(AppsBackend b, String other) {
    return await().atMost(WAIT).until(() -> b.read(v -> v.instances(APP.toString()).stream()
        .filter(i -> i.state().equals("TASK_RUNNING")).map(i -> i.taskId().idString())
        .filter(t -> !t.equals(other)).findFirst().orElse(null)).get(), t -> t != null);
  }

  private static List<String> taskIds(AppsBackend b) throws Exception {
    return b.read(v -> v.instances(APP.toString()).stream().map(Instance::taskId).map(t -> t.idString()).toList())
        .get(20, TimeUnit.SECONDS);
  }

  private static List<DeploymentJson.DeploymentView> deployments(AppsBackend b) throws Exception {
    return b.read(v -> v.deployments()).get(20, TimeUnit.SECONDS);
  }

  /** The readiness results of the running deployments' current actions. */
  private static List<ReadinessCheckResultView> results(AppsBackend b) throws Exception {
    return deployments(b).stream().flatMap(d -> d.currentActions().stream())
        .flatMap(a -> a.readinessCheckResults().stream()).toList();
  }

  private static AppsBackend.Step apply(Group target) {
    return new AppsBackend.Run(new CoreCommand.ApplyRootGroup(target, false, UUID.randomUUID().toString(), now()));
  }

  private static Timestamp now() { return Timestamp.ofEpochMs(System.currentTimeMillis()); }
}
