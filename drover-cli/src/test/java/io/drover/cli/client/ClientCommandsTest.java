package io.drover.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.cli.client.TestCluster.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client commands through {@code Main.run} against one real Drover (coord, master, a process agent, apps) shared
 * by the class; every test uses apps of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientCommandsTest {
  private Path dir;
  private TestCluster cluster;

  @BeforeAll void start(@TempDir Path tmp) throws Exception {
    dir = tmp;
    cluster = new TestCluster(dir.resolve("cluster"));
  }

  @AfterAll void stop() throws Exception {
    if (cluster != null) cluster.close();
  }

  private Path file(String name, String json) throws Exception {
    return Files.writeString(dir.resolve(name), json);
  }

  private static JsonNode json(Result r) throws Exception { return Api.JSON.readTree(r.out()); }

  private List<String> taskIds(String app) throws Exception {
    Result r = cluster.run("app", "tasks", app, "--json");
    assertThat(r.code()).as(r.toString()).isZero();
    return json(r).path("tasks").findValuesAsText("id").stream().filter(id -> id.contains(".")).toList();
  }

  @Test void appLifecycle() throws Exception {
    Path def = file("sleepy.json", """
        {"id": "/cli/sleepy", "cmd": "sleep 600", "cpus": 0.1, "mem": 16, "instances": 2}""");
    Result add = cluster.run("app", "add", def.toString());
    assertThat(add.code()).as(add.toString()).isZero();
    assertThat(add.out()).contains("added /cli/sleepy").containsPattern("deployment [0-9a-f-]+ done in \\d+\\.\\d s");
    assertThat(add.out()).contains("/cli/sleepy  [").contains("(ScaleApplication)").contains("/cli/sleepy  [####################] 2/2 running");

    Result list = cluster.run("app", "list");
    assertThat(list.outLines().getFirst()).startsWith("ID").contains("INSTANCES", "HEALTHY", "CPUS", "MEM",
        "DEPLOYMENTS", "VERSION");
    assertThat(list.outLines()).anySatisfy(l -> assertThat(l).startsWith("/cli/sleepy").contains(" 2/2 ", " 0.1 ", " 16 "));
    JsonNode apps = json(cluster.run("app", "list", "--json")).path("apps");
    assertThat(apps.findValuesAsText("id")).contains("/cli/sleepy");

    Result show = cluster.run("app", "show", "cli/sleepy");
    assertThat(show.code()).as(show.toString()).isZero();
    assertThat(show.out()).contains("app", "/cli/sleepy").contains("cmd", "sleep 600")
        .contains("2 target: 2 running").contains("TASK", "HOST", "PORTS", "STATE", "HEALTH", "VERSION");
    assertThat(json(cluster.run("app", "show", "/cli/sleepy", "--json")).path("app").path("instances").asInt()).isEqualTo(2);

    Result tasks = cluster.run("app", "tasks", "/cli/sleepy");
    assertThat(tasks.outLines()).hasSize(3);
    assertThat(tasks.outLines().subList(1, 3)).allSatisfy(l -> assertThat(l).startsWith("cli_sleepy.")
        .contains("127.0.0.1", "TASK_RUNNING"));

    Result scale = cluster.run("app", "scale", "/cli/sleepy", "3");
    assertThat(scale.code()).as(scale.toString()).isZero();
    assertThat(scale.out()).contains("scaling /cli/sleepy to 3").contains("3/3 running").contains("done in");
    assertThat(taskIds("/cli/sleepy")).hasSize(3);

    Result update = cluster.run("app", "update", "/cli/sleepy", file("cmd.json", "{\"cmd\": \"sleep 700\"}").toString());
    assertThat(update.code()).as(update.toString()).isZero();
    assertThat(cluster.run("app", "show", "/cli/sleepy").out()).contains("sleep 700").contains("3 target: 3 running");

    List<String> before = taskIds("/cli/sleepy");
    Result restart = cluster.run("app", "restart", "/cli/sleepy");
    assertThat(restart.code()).as(restart.toString()).isZero();
    assertThat(restart.out()).contains("(RestartApplication)").contains("done in");
    assertThat(taskIds("/cli/sleepy")).hasSize(3).doesNotContainAnyElementsOf(before);

    Result versions = cluster.run("app", "versions", "/cli/sleepy");
    assertThat(versions.outLines()).hasSizeGreaterThanOrEqualTo(3)
        .allSatisfy(l -> assertThat(l).matches("\\d{4}-\\d\\d-\\d\\dT.*Z"));

    Result remove = cluster.run("app", "remove", "/cli/sleepy");
    assertThat(remove.code()).as(remove.toString()).isZero();
    assertThat(remove.out()).contains("removing /cli/sleepy").contains("done in");
    Result gone = cluster.run("app", "show", "/cli/sleepy");
    assertThat(gone.code()).isEqualTo(1);
    assertThat(gone.err()).isEqualTo("drover: no app /cli/sleepy (drover app list shows the apps)\n");
  }
}
