package io.drover.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.cli.Cli.Result;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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

  @Test void appAddReadsTheDefinitionFromStdin() throws Exception {
    InputStream saved = System.in;
    Result add;
    try {
      System.setIn(new ByteArrayInputStream("""
          {"id": "/cli/piped", "cmd": "sleep 600", "cpus": 0.05, "mem": 16}""".getBytes(StandardCharsets.UTF_8)));
      add = cluster.run("app", "add", "-");
    } finally {
      System.setIn(saved);
    }
    assertThat(add.code()).as(add.toString()).isZero();
    assertThat(add.out()).contains("added /cli/piped").contains("1/1 running");
    assertThat(taskIds("/cli/piped")).hasSize(1);
    assertThat(cluster.run("app", "remove", "/cli/piped").code()).isZero();
  }

  @Test void groupAddIsIdempotentAndShowsATree() throws Exception {
    Path def = file("shop.json", """
        {"id": "/shop", "apps": [
          {"id": "/shop/db", "cmd": "sleep 600", "cpus": 0.05, "mem": 16},
          {"id": "/shop/web", "cmd": "sleep 600", "cpus": 0.05, "mem": 16, "instances": 2,
           "dependencies": ["/shop/db"]}]}""");
    Result add = cluster.run("group", "add", def.toString());
    assertThat(add.code()).as(add.toString()).isZero();
    assertThat(add.out()).contains("deploying group /shop").contains("/shop/web  [####################] 2/2 running")
        .contains("done in");
    Result again = cluster.run("group", "add", def.toString());
    assertThat(again.code()).as(again.toString()).isZero();
    assertThat(taskIds("/shop/web")).hasSize(2);

    Result list = cluster.run("group", "list");
    assertThat(list.outLines().getFirst()).startsWith("ID").contains("APPS", "GROUPS", "VERSION");
    assertThat(list.outLines()).anySatisfy(l -> assertThat(l).startsWith("/shop ").contains(" 2 "));
    Result show = cluster.run("group", "show", "/shop");
    assertThat(show.outLines()).containsExactly("/shop", "├── /shop/db  1/1 running",
        "└── /shop/web  2/2 running  (after /shop/db)");

    Result remove = cluster.run("group", "remove", "/shop");
    assertThat(remove.code()).as(remove.toString()).isZero();
    assertThat(remove.out()).contains("/shop/web  gone").contains("done in");
    Result gone = cluster.run("group", "show", "/shop");
    assertThat(gone.code()).isEqualTo(1);
    assertThat(gone.err()).contains("no group /shop (drover group list shows the groups)");
  }

  /** An app that needs more cpus than the agent has: its deployment never ends, and the queue says why. */
  @Test void stuckDeploymentQueueLockAndRollback() throws Exception {
    Path def = file("big.json", """
        {"id": "/cli/big", "cmd": "sleep 600", "cpus": 100, "mem": 16}""");
    Result add = cluster.run("app", "add", def.toString(), "--no-wait");
    assertThat(add.code()).as(add.toString()).isZero();
    String id = add.out().lines().filter(l -> l.startsWith("deployment ")).findFirst().orElseThrow().split(" ")[1];
    assertThat(add.out()).contains("follow it with: drover deployment watch " + id);

    Result deployments = cluster.run("deployment", "list");
    assertThat(deployments.outLines().getFirst()).startsWith("ID").contains("APPS", "STEP", "ACTIONS");
    assertThat(deployments.outLines()).anySatisfy(l -> assertThat(l).startsWith(id).contains("/cli/big", "2/2",
        "ScaleApplication /cli/big"));
    assertThat(json(cluster.run("deployment", "list", "--json")).findValuesAsText("id")).contains(id);

    await().atMost(TestCluster.WAIT).untilAsserted(() -> {
      Result queue = cluster.run("queue");
      assertThat(queue.outLines().getFirst()).startsWith("APP").contains("WAITING", "DELAY", "DECLINED BECAUSE");
      assertThat(queue.outLines()).anySatisfy(l -> assertThat(l).startsWith("/cli/big").contains("InsufficientCpus"));
    });

    Result locked = cluster.run("app", "scale", "/cli/big", "2");
    assertThat(locked.code()).isEqualTo(1);
    assertThat(locked.err()).startsWith("drover: ").contains("blocked by deployment " + id).contains("--force")
        .contains("drover deployment watch " + id);

    Result timeout = cluster.run("deployment", "watch", id, "--timeout", "1s");
    assertThat(timeout.code()).isEqualTo(1);
    assertThat(timeout.out()).contains("/cli/big  [....................] 0/1 running  (ScaleApplication)");
    assertThat(timeout.err()).contains("is still running after").contains("continues in the background")
        .contains("drover deployment watch " + id);

    Result rollback = cluster.run("deployment", "rollback", id);
    assertThat(rollback.code()).as(rollback.toString()).isZero();
    assertThat(rollback.out()).contains("rolling back deployment " + id).contains("done in");
    assertThat(cluster.run("app", "show", "/cli/big").code()).isEqualTo(1);
    assertThat(cluster.run("deployment", "list").out()).doesNotContain(id);
  }

  @Test void addTimesOutAndTheDeploymentGoesOn() throws Exception {
    Path def = file("big2.json", """
        {"id": "/cli/big2", "cmd": "sleep 600", "cpus": 100, "mem": 16}""");
    Result add = cluster.run("app", "add", def.toString(), "--timeout", "1s");
    assertThat(add.code()).as(add.toString()).isEqualTo(1);
    assertThat(add.err()).contains("continues in the background. Follow it with: drover deployment watch ");
    assertThat(cluster.run("deployment", "list").out()).contains("/cli/big2");
    Result remove = cluster.run("app", "remove", "/cli/big2", "--force");
    assertThat(remove.code()).as(remove.toString()).isZero();
    assertThat(cluster.run("deployment", "list").out()).doesNotContain("/cli/big2");
  }

  @Test void taskListKillAndLogs() throws Exception {
    Path def = file("echo.json", """
        {"id": "/cli/echo", "cmd": "echo hello-$MARATHON_APP_ID; echo oops >&2; exec sleep 600", "cpus": 0.1,
         "mem": 16}""");
    assertThat(cluster.run("app", "add", def.toString()).code()).isZero();
    String task = taskIds("/cli/echo").getFirst();

    Result all = cluster.run("task", "list");
    assertThat(all.outLines().getFirst()).startsWith("TASK").contains("APP", "HOST", "PORTS", "STATE", "HEALTH");
    assertThat(all.outLines()).anySatisfy(l -> assertThat(l).startsWith(task).contains("/cli/echo", "TASK_RUNNING"));
    assertThat(cluster.run("task", "list", "/cli/echo").outLines()).hasSize(2);

    await().atMost(TestCluster.WAIT).untilAsserted(() ->
        assertThat(cluster.run("task", "logs", task).out()).contains("hello-/cli/echo"));
    Result byApp = cluster.run("task", "logs", "cli/echo");
    assertThat(byApp.code()).as(byApp.toString()).isZero();
    assertThat(byApp.out()).contains("hello-/cli/echo");
    assertThat(byApp.err()).startsWith("task ").contains(" of app /cli/echo");
    Result logs = cluster.run("task", "logs", task, "--stderr");
    assertThat(logs.code()).as(logs.toString()).isZero();
    assertThat(logs.out()).contains("oops");

    Result kill = cluster.run("task", "kill", task);
    assertThat(kill.code()).as(kill.toString()).isZero();
    assertThat(kill.out()).contains("killed " + task + " of /cli/echo (it will be replaced)");
    await().atMost(TestCluster.WAIT).until(() -> taskIds("/cli/echo").stream().anyMatch(t -> !t.equals(task)));
    String replacement = taskIds("/cli/echo").stream().filter(t -> !t.equals(task)).findFirst().orElseThrow();

    Result scaleDown = cluster.run("task", "kill", replacement, "--scale");
    assertThat(scaleDown.code()).as(scaleDown.toString()).isZero();
    assertThat(scaleDown.out()).contains("done in");
    assertThat(json(cluster.run("app", "show", "/cli/echo", "--json")).path("app").path("instances").asInt()).isZero();

    Result unknown = cluster.run("task", "logs", "cli_nope.instance-00000000-0000-0000-0000-000000000000._app.1");
    assertThat(unknown.code()).isEqualTo(1);
    assertThat(unknown.err()).contains("no task cli_nope.");
    assertThat(cluster.run("app", "remove", "/cli/echo").code()).isZero();
  }

  @Test void logsFollowUntilTheTaskEnds() throws Exception {
    Path def = file("ticker.json", """
        {"id": "/cli/ticker", "cmd": "for i in 1 2 3 4 5 6; do echo tick-$i; sleep 0.4; done", "cpus": 0.1,
         "mem": 16, "backoffSeconds": 600}""");
    assertThat(cluster.run("app", "add", def.toString(), "--no-wait").code()).isZero();
    String task = await().atMost(TestCluster.WAIT).until(() -> taskIds("/cli/ticker"), ids -> !ids.isEmpty()).getFirst();
    Result follow = cluster.run("task", "logs", task, "-f");
    assertThat(follow.code()).as(follow.toString()).isZero();
    assertThat(follow.outLines()).containsSubsequence("tick-1", "tick-6");
    assertThat(cluster.run("app", "remove", "/cli/ticker").code()).isZero();
  }

  @Test void leaderClusterAndCompletion() throws Exception {
    Result leader = cluster.run("leader");
    assertThat(leader.out().strip()).isEqualTo("127.0.0.1:" + cluster.appsPort());
    assertThat(json(cluster.run("leader", "--json")).path("leader").asText()).isEqualTo("127.0.0.1:" + cluster.appsPort());

    Result state = cluster.run("cluster");
    assertThat(state.code()).as(state.toString()).isZero();
    assertThat(state.outLines()).contains("Agents", "Frameworks", "Roles (allocated)");
    assertThat(state.outLines()).anySatisfy(l -> assertThat(l).contains("127.0.0.1:" + cluster.agentPort())
        .containsPattern("[0-9.]+/2 ").contains("/1024 MB", "true"));
    assertThat(state.outLines()).anySatisfy(l -> assertThat(l).startsWith("marathon").contains("true"));
    assertThat(json(cluster.run("cluster", "--json")).path("get_agents").path("agents")).hasSize(1);

    Result completion = TestCluster.runRaw("completion");
    assertThat(completion.code()).isZero();
    assertThat(completion.out()).contains("complete -F").contains("deployment").contains("rollback");
  }

  @Test void refusalsSayWhatToDo() throws Exception {
    Result invalid = cluster.run("app", "add", file("bad.json", """
        {"id": "/cli/bad", "cmd": "sleep 1", "upgradeStrategy": {"minimumHealthCapacity": 2}}""").toString());
    assertThat(invalid.code()).isEqualTo(1);
    assertThat(invalid.err()).startsWith("drover: Object is not valid\n  /upgradeStrategy/minimumHealthCapacity: ");

    Result array = cluster.run("app", "add", file("array.json", "[{\"id\": \"/a\"}]").toString());
    assertThat(array.code()).isEqualTo(1);
    assertThat(array.err()).contains("holds a JSON array").contains("drover group add");

    Result missing = cluster.run("app", "add", dir.resolve("nope.json").toString());
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).contains("no file ");

    Result notFound = cluster.run("app", "restart", "/cli/none");
    assertThat(notFound.code()).isEqualTo(1);
    assertThat(notFound.err()).isEqualTo("drover: no app /cli/none (drover app list shows the apps)\n");

    assertThat(cluster.run("app", "scale", "/cli/none").code()).isEqualTo(64);
    assertThat(cluster.run("app", "add", "x.json", "--timeout", "soon").code()).isEqualTo(64);
    assertThat(cluster.run("deployment", "watch", "nope").out()).contains("is not running");
  }
}
