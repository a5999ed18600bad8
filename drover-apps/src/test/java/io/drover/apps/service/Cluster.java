package io.drover.apps.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.agent.node.Agent;
import io.drover.agent.node.AgentConfig;
import io.drover.agent.node.AgentConfig.ContainerizerType;
import io.drover.agent.node.AgentTasksFactory;
import io.drover.apps.core.CoreCommand;
import io.drover.apps.model.Group;
import io.drover.apps.model.Timestamp;
import io.drover.master.TestServers;
import io.drover.master.ha.ZkUrl;
import io.drover.master.server.Master;
import io.drover.master.server.MasterConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A real coord and (optionally later) a real master in-process, plus apps instances on port 0; all closed. */
final class Cluster implements AutoCloseable {
  static final String APPS_PATH = "/drover/apps";
  static final ObjectMapper JSON = new ObjectMapper();

  final TestServers.Running coord;
  final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final List<AutoCloseable> closeables = new ArrayList<>();
  Master master;

  /** An apps instance and the exit statuses its exit action was given. */
  record Apps(AppsService service, List<Integer> exits) {
    String url(String path) { return "http://127.0.0.1:" + service.port() + path; }

    String hostPort() { return "127.0.0.1:" + service.port(); }

    /**
     * When this instance leads with a ready driver: empties the root group (force) and waits until {@code appId} has
     * no instance left, so no task process outlives a test, even one that failed midway.
     */
    void removeAllApps(String appId, Duration wait) throws Exception {
      if (!service.backend().map(b -> ((AppsDriver) b).isReady()).orElse(false)) return;
      AppsBackend b = service.backend().get();
      Timestamp now = Timestamp.ofEpochMs(System.currentTimeMillis());
      b.submit(v -> new AppsBackend.Run(new CoreCommand.ApplyRootGroup(Group.emptyRoot(now), true,
          UUID.randomUUID().toString(), now))).get(20, TimeUnit.SECONDS);
      await().atMost(wait).until(() -> b.read(v -> v.instances(appId).isEmpty()).get());
    }
  }

  /** An agent on loopback with the process containerizer (cpus 2, mem 1024, ports 31000-31100), following the masters. */
  Agent startProcessAgent(Path workDir) throws Exception {
    return Agent.start(AgentConfig.builder(masterZk(), workDir).port(0).bindAddress("127.0.0.1").hostname("127.0.0.1")
        .resources("cpus:2;mem:1024;disk:1024;ports:[31000-31100]").containerizers(Set.of(ContainerizerType.PROCESS))
        .build(), AgentTasksFactory.taskEngine());
  }

  Cluster(Path dir) throws Exception {
    coord = TestServers.COORD.start(dir);
    closeables.add(coord);
  }

  String masterZk() { return "zk://" + coord.connectString() + "/drover/master"; }

  Master startMaster() throws Exception {
    MasterConfig config = MasterConfig.builder(ZkUrl.parse(masterZk())).port(0).hostname("127.0.0.1")
        .ip("127.0.0.1").exitAction(status -> { }).build();
    master = Master.start(config);
    closeables.add(master);
    await().atMost(Duration.ofSeconds(20)).until(master::isLeader);
    return master;
  }

  Apps startApps() throws Exception { return startApps(b -> { }); }

  Apps startApps(Consumer<AppsConfig.Builder> customize) throws Exception {
    List<Integer> exits = new CopyOnWriteArrayList<>();
    AppsConfig.Builder builder = AppsConfig.builder(ZkUrl.parse("zk://" + coord.connectString() + APPS_PATH),
        masterZk()).port(0).hostname("127.0.0.1").bindAddress("127.0.0.1").zkSessionTimeout(Duration.ofSeconds(3))
        .exitAction(exits::add);
    customize.accept(builder);
    AppsConfig config = builder.build();
    AppsService s = AppsService.start(config);
    closeables.add(s);
    return new Apps(s, exits);
  }

  HttpResponse<String> get(String url, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15));
    if (headers.length > 0) b.headers(headers);
    return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> delete(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15)).DELETE().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  /** The master's {@code /master/state} frameworks (active or not). */
  JsonNode masterFrameworks() throws Exception {
    HttpResponse<String> r = get("http://127.0.0.1:" + master.port() + "/master/state");
    assertThat(r.statusCode()).isEqualTo(200);
    return json(r).path("frameworks");
  }

  @Override public void close() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) closeables.get(i).close();
    http.close();
  }
}
