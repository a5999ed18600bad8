package io.drover.agent.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.drover.agent.containerizer.DockerTests;
import io.drover.agent.containerizer.ProcessContainerizer.CgroupMode;
import io.drover.master.api.agent.AgentCall;
import io.drover.master.api.agent.AgentEvent;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine with the real Docker Engine: launch, BRIDGE port mapping, kill, and recovery after a restart. */
final class TaskEngineDockerTest {
  private static final String FID = "fw-docker";
  private static DockerClient docker;
  private static String image;
  @TempDir Path workDir;
  private final List<EngineHarness> harnesses = new ArrayList<>();

  @BeforeAll
  static void requireDocker() throws Exception {
    image = DockerTests.requireDockerAndImage();
    docker = DockerTests.client();
  }

  @AfterAll
  static void closeClient() throws Exception {
    if (docker != null) {
      docker.close();
    }
  }

  @AfterEach
  void tearDown() {
    if (!harnesses.isEmpty()) {
      EngineHarness last = harnesses.get(harnesses.size() - 1);
      for (AgentCall.RunningTask t : last.engine.runningTasks()) {
        last.engine.kill(new AgentEvent.Kill(t.frameworkId(), t.taskId(), 1));
      }
      harnesses.forEach(h -> {
        try {
          h.close();
        } catch (IllegalStateException e) {
          // a crashed engine is already stopped
        }
      });
    }
    // Nothing of ours may outlive a test, even one that failed half-way.
    for (Container c : docker.listContainersCmd().withShowAll(true).withNameFilter(List.of("drover-")).exec()) {
      if (c.getLabels() != null && "engine-test".equals(c.getLabels().get("suite"))) {
        docker.removeContainerCmd(c.getId()).withForce(true).exec();
      }
    }
  }

  private EngineHarness start() {
    EngineHarness h = new EngineHarness(workDir, true, CgroupMode.OFF);
    harnesses.add(h);
    return h;
  }

  private static String task(String id, String cmd, int port, String network, String mappings) {
    return "{\"name\":\"" + id + "\",\"task_id\":{\"value\":\"" + id + "\"},"
        + "\"resources\":[{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":0.1}},"
        + "{\"name\":\"mem\",\"type\":\"SCALAR\",\"scalar\":{\"value\":64}}"
        + (port > 0 ? ",{\"name\":\"ports\",\"type\":\"RANGES\",\"ranges\":{\"range\":[{\"begin\":" + port
            + ",\"end\":" + port + "}]}}" : "") + "],"
        + "\"labels\":{\"labels\":[{\"key\":\"suite\",\"value\":\"engine-test\"}]},"
        + "\"command\":{\"value\":\"" + cmd + "\"},"
        + "\"container\":{\"type\":\"DOCKER\",\"docker\":{\"image\":\"" + image + "\",\"network\":\"" + network + "\""
        + mappings + "}}}";
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void dockerTaskRunsToFinishedWithItsLogInTheSandbox() throws Exception {
    EngineHarness h = start();
    h.engine.registered("agent-S1");
    h.launch(FID, EngineHarness.framework(FID, false), task("d-echo", "echo from-docker", 0, "HOST", ""));
    h.ackUntil("d-echo", 3);
    assertThat(h.statesOf("d-echo")).containsExactly("TASK_STARTING", "TASK_RUNNING", "TASK_FINISHED");
    Path sandbox = h.engine.view().frameworks().get(0).completedTasks().get(0).sandbox();
    assertThat(Files.readString(sandbox.resolve("stdout"))).contains("from-docker");
  }

  @Test
  void fetchedFileIsInTheContainersSandboxMount() throws Exception {
    try (io.drover.agent.fetcher.FetchServer server = new io.drover.agent.fetcher.FetchServer()) {
      server.file("/hello.txt", "fetched-into-docker".getBytes());
      EngineHarness h = start();
      h.engine.registered("agent-S1");
      String json = task("d-fetch", "cat /mnt/mesos/sandbox/data/hello.txt", 0, "HOST", "").replace("\"command\":{",
          "\"command\":{\"uris\":[{\"value\":\"" + server.url("/hello.txt") + "\",\"output_file\":\"data/hello.txt\"}],");
      h.launch(FID, EngineHarness.framework(FID, false), json);
      h.ackUntil("d-fetch", 3);
      assertThat(h.statesOf("d-fetch")).containsExactly("TASK_STARTING", "TASK_RUNNING", "TASK_FINISHED");
      Path sandbox = h.engine.view().frameworks().get(0).completedTasks().get(0).sandbox();
      assertThat(Files.readString(sandbox.resolve("stdout"))).contains("fetched-into-docker");
      assertThat(Files.readString(sandbox.resolve("stderr"))).contains("Fetched '" + server.url("/hello.txt") + "'");
    }
  }

  @Test
  void bridgePortMappingIsReachableAndKillEndsKilled() throws Exception {
    EngineHarness h = start();
    h.engine.registered("agent-S1");
    int port = freePort();
    h.launch(FID, EngineHarness.framework(FID, false), task("d-web",
        "mkdir -p /www && echo pong > /www/index.html && httpd -f -p 8080 -h /www", port, "BRIDGE",
        ",\"port_mappings\":[{\"host_port\":" + port + ",\"container_port\":8080,\"protocol\":\"tcp\"}]"));
    h.ackUntil("d-web", 2);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
        HttpResponse.BodyHandlers.ofString()).body().contains("pong"));
    h.engine.kill(new AgentEvent.Kill(FID, "d-web", 1000));
    h.ackUntil("d-web", 3);
    assertThat(h.statesOf("d-web")).containsExactly("TASK_STARTING", "TASK_RUNNING", "TASK_KILLED");
  }

  @Test
  void dockerTaskIsReattachedAfterKill9AndUnknownContainersAreRemoved() throws Exception {
    EngineHarness first = start();
    first.engine.registered("agent-S1");
    first.launch(FID, EngineHarness.framework(FID, true), task("d-long",
        "while [ ! -f /mnt/mesos/sandbox/release ]; do sleep 0.1; done; echo released; exit 3", 0, "HOST", ""));
    first.launch("fw-volatile", EngineHarness.framework("fw-volatile", false),
        task("d-volatile", "sleep 60", 0, "HOST", ""));
    first.ackUntil("d-long", 2);
    first.ackUntil("d-volatile", 2);
    AgentTasksView.Task long1 = first.engine.view().frameworks().stream().flatMap(f -> f.tasks().stream())
        .filter(t -> t.taskId().equals("d-long")).findFirst().orElseThrow();
    String volatileId = first.engine.view().frameworks().stream().flatMap(f -> f.tasks().stream())
        .filter(t -> t.taskId().equals("d-volatile")).findFirst().orElseThrow().containerId();
    first.engine.crashForTest();

    EngineHarness second = start();
    assertThat(second.engine.runningTasks()).extracting(AgentCall.RunningTask::taskId).containsExactly("d-long");
    assertThat(second.engine.view().frameworks().get(0).tasks().get(0).containerId()).isEqualTo(long1.containerId());
    await().atMost(Duration.ofSeconds(20)).until(() -> docker.listContainersCmd().withShowAll(true)
        .withNameFilter(List.of("drover-" + volatileId)).exec().isEmpty());
    assertThat(second.sent).isEmpty();

    Files.writeString(long1.sandbox().resolve("release"), "go");
    await().atMost(Duration.ofSeconds(30)).until(() -> second.updatesOf("d-long").size() == 1);
    AgentCall.Update end = second.updatesOf("d-long").get(0);
    assertThat(end.state()).isEqualTo("TASK_FAILED");
    assertThat(end.message()).hasValueSatisfying(m -> assertThat(m).contains("status 3"));
    second.ackUntil("d-long", 1);
    await().during(Duration.ofMillis(500)).until(() -> second.updatesOf("d-long").size() == 1);
    assertThat(Files.readString(long1.sandbox().resolve("stdout"))).contains("released");
  }
}
