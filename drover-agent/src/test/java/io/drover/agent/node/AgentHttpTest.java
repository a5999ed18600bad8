package io.drover.agent.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.common.json.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent role started in-process with a recording engine: {@code /state}, {@code /health}, {@code /files}. */
final class AgentHttpTest {
  private static final ObjectMapper JSON = Json.snakeCase();
  private final RecordingTasks tasks = new RecordingTasks();
  private final HttpClient http = HttpClient.newHttpClient();
  private TestMaster master;
  private Agent agent;
  private Path workDir;
  private Path sandbox;
  private Path outside;

  @BeforeEach void start(@TempDir Path tmp) throws Exception {
    workDir = tmp.resolve("work");
    outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("secret"), "do not serve");
    sandbox = Files.createDirectories(
        workDir.resolve("slaves/m1-S0/frameworks/f1/executors/t1/runs/c1"));
    Files.writeString(sandbox.resolve("stdout"), "hello from the task\n");
    Files.writeString(sandbox.resolve("stderr"), "");
    Files.createSymbolicLink(sandbox.resolve("escape"), outside);
    Files.createSymbolicLink(sandbox.resolve("passwd"), outside.resolve("secret"));
    tasks.view = new AgentTasksView(List.of(framework()), List.of());
    master = TestMaster.start("m1");
    AgentConfig config = AgentConfig.builder(master.base().toString(), workDir).port(0).bindAddress("127.0.0.1")
        .hostname("agent.example").resources("cpus:4;mem:8192;disk:20000;ports:[31000-32000];cpus(web):2")
        .attributes("rack:r1;level:10").containerizers(Set.of(AgentConfig.ContainerizerType.PROCESS))
        .backoffMs(50, 400).build();
    agent = Agent.start(config, (c, resources, updates) -> tasks);
    await().atMost(Duration.ofSeconds(10)).until(() -> agent.agentId().isPresent() && agent.master().isPresent());
  }

  @AfterEach void stop() {
    if (agent != null) agent.close();
    if (master != null) master.close();
    http.close();
  }

  private AgentTasksView.Framework framework() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode info = f.objectNode().put("name", "marathon").put("user", "root").put("checkpoint", true)
        .put("failover_timeout", 604800.0).put("hostname", "h");
    info.putArray("roles").add("*");
    ObjectNode taskInfo = f.objectNode().put("name", "web");
    taskInfo.putObject("task_id").put("value", "t1");
    taskInfo.putObject("command").put("value", "echo hi");
    taskInfo.putObject("labels").putArray("labels").addObject().put("key", "k").put("value", "v");
    ObjectNode status = f.objectNode().put("state", "TASK_RUNNING").put("timestamp", 1.7e9).put("healthy", true);
    AgentTasksView.Task task = new AgentTasksView.Task("f1", "t1", "web", "*", "TASK_RUNNING", "cpus:1;mem:128",
        "c1", sandbox, taskInfo, List.of(status));
    return new AgentTasksView.Framework("f1", info, List.of(task), List.of());
  }

  private HttpResponse<String> get(String pathAndQuery) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.port() + pathAndQuery)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String q(Object path) { return URLEncoder.encode(path.toString(), StandardCharsets.UTF_8); }

  @Test void stateHasTheMesosAgentKeys() throws Exception {
    HttpResponse<String> r = get("/state");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode s = JSON.readTree(r.body());
    assertThat(s.fieldNames()).toIterable().contains("id", "pid", "hostname", "resources", "reserved_resources",
        "unreserved_resources", "attributes", "master_hostname", "flags", "frameworks", "completed_frameworks",
        "version", "build_date", "build_time", "build_user", "start_time");
    assertThat(s.get("id").asText()).isEqualTo("m1-S0");
    assertThat(s.get("pid").asText()).isEqualTo("slave(1)@127.0.0.1:" + agent.port());
    assertThat(s.get("hostname").asText()).isEqualTo("agent.example");
    assertThat(s.get("master_hostname").asText()).isEqualTo("127.0.0.1");
    assertThat(s.get("resources").get("cpus").asDouble()).isEqualTo(6.0);
    assertThat(s.get("resources").get("mem").asDouble()).isEqualTo(8192.0);
    assertThat(s.get("resources").get("gpus").asDouble()).isEqualTo(0.0);
    assertThat(s.get("resources").get("ports").asText()).isEqualTo("[31000-32000]");
    assertThat(s.get("reserved_resources").get("web").get("cpus").asDouble()).isEqualTo(2.0);
    assertThat(s.get("unreserved_resources").get("cpus").asDouble()).isEqualTo(4.0);
    assertThat(s.get("attributes").get("rack").asText()).isEqualTo("r1");
    assertThat(s.get("attributes").get("level").asDouble()).isEqualTo(10.0);
    assertThat(s.get("flags").get("work_dir").asText()).isEqualTo(workDir.toString());

    JsonNode fw = s.get("frameworks").get(0);
    assertThat(fw.get("id").asText()).isEqualTo("f1");
    assertThat(fw.get("name").asText()).isEqualTo("marathon");
    assertThat(fw.get("checkpoint").asBoolean()).isTrue();
    JsonNode executor = fw.get("executors").get(0);
    assertThat(executor.get("id").asText()).isEqualTo("t1");
    assertThat(executor.get("container").asText()).isEqualTo("c1");
    assertThat(executor.get("directory").asText()).isEqualTo(sandbox.toString());
    assertThat(executor.get("name").asText()).isEqualTo("Command Executor (Task: t1) (Command: sh -c 'echo hi')");
    JsonNode task = executor.get("tasks").get(0);
    assertThat(task.get("id").asText()).isEqualTo("t1");
    assertThat(task.get("slave_id").asText()).isEqualTo("m1-S0");
    assertThat(task.get("state").asText()).isEqualTo("TASK_RUNNING");
    assertThat(task.get("resources").get("mem").asDouble()).isEqualTo(128.0);
    assertThat(task.get("statuses").get(0).get("healthy").asBoolean()).isTrue();
    assertThat(task.get("labels").get(0).get("key").asText()).isEqualTo("k");
    assertThat(s.get("completed_frameworks").isArray()).isTrue();

    HttpResponse<String> alias = get("/slave(1)/state");
    assertThat(alias.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(alias.body()).get("id").asText()).isEqualTo("m1-S0");
  }

  @Test void healthAnswers200() throws Exception {
    assertThat(get("/health").statusCode()).isEqualTo(200);
  }

  @Test void browseListsTheSandbox() throws Exception {
    HttpResponse<String> r = get("/files/browse?path=" + q(sandbox));
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode listing = JSON.readTree(r.body());
    assertThat(listing.isArray()).isTrue();
    List<String> paths = listing.findValuesAsText("path");
    assertThat(paths).containsExactly(sandbox + "/escape", sandbox + "/passwd", sandbox + "/stderr",
        sandbox + "/stdout");
    JsonNode stdout = listing.get(3);
    assertThat(stdout.get("size").asLong()).isEqualTo("hello from the task\n".length());
    assertThat(stdout.get("mode").asText()).matches("-[r-][w-][x-][r-][w-][x-][r-][w-][x-]");
    assertThat(stdout.get("nlink").asLong()).isEqualTo(1);
    assertThat(stdout.get("mtime").asLong()).isPositive();
    assertThat(stdout.get("uid").asText()).isNotEmpty();
    assertThat(stdout.get("gid").asText()).isNotEmpty();
    assertThat(listing.get(0).get("mode").asText()).startsWith("d"); // stat follows the link, as Mesos does
  }

  @Test void readReturnsDataAndOffsets() throws Exception {
    Path stdout = sandbox.resolve("stdout");
    JsonNode all = JSON.readTree(get("/files/read?path=" + q(stdout) + "&offset=0").body());
    assertThat(all.get("data").asText()).isEqualTo("hello from the task\n");
    assertThat(all.get("offset").asLong()).isZero();

    JsonNode part = JSON.readTree(get("/files/read?path=" + q(stdout) + "&offset=6&length=4").body());
    assertThat(part.get("data").asText()).isEqualTo("from");
    assertThat(part.get("offset").asLong()).isEqualTo(6);

    JsonNode size = JSON.readTree(get("/files/read?path=" + q(stdout) + "&offset=-1").body());
    assertThat(size.get("data").asText()).isEmpty();
    assertThat(size.get("offset").asLong()).isEqualTo(20);

    JsonNode past = JSON.readTree(get("/files/read?path=" + q(stdout) + "&offset=100").body());
    assertThat(past.get("data").asText()).isEmpty();
  }

  @Test void downloadStreamsTheFile() throws Exception {
    HttpResponse<String> r = get("/files/download?path=" + q(sandbox.resolve("stdout")));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("hello from the task\n");
    assertThat(r.headers().firstValue("Content-Disposition")).contains("attachment; filename=stdout");
  }

  @Test void pathsOutsideTheSandboxRootAreRefused() throws Exception {
    Path root = workDir.resolve("slaves");
    // Not under the root at all: unknown, as for Mesos (404).
    assertThat(get("/files/read?path=" + q(outside.resolve("secret")) + "&offset=0").statusCode()).isEqualTo(404);
    assertThat(get("/files/browse?path=" + q("/etc")).statusCode()).isEqualTo(404);
    assertThat(get("/files/browse?path=" + q("slaves")).statusCode()).isEqualTo(404);
    // Under the root lexically, but leading outside: inaccessible (Mesos: 400).
    String dotdot = root + "/../../outside/secret";
    HttpResponse<String> traversal = get("/files/read?path=" + q(dotdot) + "&offset=0");
    assertThat(traversal.statusCode()).isEqualTo(400);
    assertThat(traversal.body()).contains("inaccessible").doesNotContain("do not serve");
    assertThat(get("/files/browse?path=" + q(root + "/..")).statusCode()).isEqualTo(400);
    // Symlinks out of the sandbox.
    HttpResponse<String> link = get("/files/read?path=" + q(sandbox.resolve("passwd")) + "&offset=0");
    assertThat(link.statusCode()).isEqualTo(400);
    assertThat(link.body()).doesNotContain("do not serve");
    assertThat(get("/files/browse?path=" + q(sandbox.resolve("escape"))).statusCode()).isEqualTo(400);
    assertThat(get("/files/download?path=" + q(sandbox.resolve("escape/secret"))).statusCode()).isEqualTo(400);
    // Missing files under the root.
    assertThat(get("/files/read?path=" + q(sandbox.resolve("nope")) + "&offset=0").statusCode()).isEqualTo(404);
  }

  @Test void badParametersAre400WithAMessage() throws Exception {
    Path stdout = sandbox.resolve("stdout");
    HttpResponse<String> noPath = get("/files/browse");
    assertThat(noPath.statusCode()).isEqualTo(400);
    assertThat(noPath.body()).contains("Expecting 'path=value' in query");
    assertThat(get("/files/read?path=").statusCode()).isEqualTo(400);
    HttpResponse<String> badOffset = get("/files/read?path=" + q(stdout) + "&offset=abc");
    assertThat(badOffset.statusCode()).isEqualTo(400);
    assertThat(badOffset.body()).contains("Failed to parse offset");
    assertThat(get("/files/read?path=" + q(stdout) + "&offset=-5").body()).contains("Negative offset");
    assertThat(get("/files/read?path=" + q(stdout) + "&length=x1").statusCode()).isEqualTo(400);
    assertThat(get("/files/read?path=" + q(stdout) + "&offset=0&length=-2").statusCode()).isEqualTo(400);
    HttpResponse<String> dir = get("/files/read?path=" + q(sandbox) + "&offset=0");
    assertThat(dir.statusCode()).isEqualTo(400);
    assertThat(dir.body()).contains("Cannot read a directory");
    assertThat(get("/files/download?path=" + q(sandbox)).statusCode()).isEqualTo(400);
  }

  @Test void closeStopsEverything() throws Exception {
    int port = agent.port();
    agent.close();
    assertThat(agent.awaitTermination()).isEmpty();
    assertThat(tasks.closed).isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> master.openStreams.get() == 0);
    HttpClient c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    try (c) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
          HttpResponse.BodyHandlers.discarding())).isInstanceOf(java.io.IOException.class);
    }
  }

  @Test void aShutdownOrderTerminatesTheAgentWithAReason() throws Exception {
    master.send(new io.drover.master.api.agent.AgentEvent.Error("agent removed by the operator; shut down"));
    assertThat(agent.awaitTermination()).hasValueSatisfying(reason -> assertThat(reason).contains("shut down"));
    assertThat(tasks.closed).isTrue();
  }
}
