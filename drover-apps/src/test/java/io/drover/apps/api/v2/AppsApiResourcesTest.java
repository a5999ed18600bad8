package io.drover.apps.api.v2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.apps.core.CoreEffect;
import io.drover.apps.core.CoreViews;
import io.drover.apps.service.AppsBackend;
import io.drover.common.random.Rng;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Contract tests of tasks, deployments, groups and queue, and of the 500 mapping. */
final class AppsApiResourcesTest {
  final ApiFixture f = new ApiFixture();

  @AfterEach void stop() { f.close(); }

  @Test
  void appTasksAsJsonAndTextAndKillOneOrScaleDown() {
    f.post("/v2/apps", "{\"id\":\"/web\",\"cmd\":\"sleep 100\",\"cpus\":0.5,\"mem\":32,\"instances\":3}");
    List<String> tasks = f.launchAndRun();
    assertThat(tasks).hasSize(3);
    JsonNode json = f.get("/v2/apps/web/tasks").json();
    assertThat(json.path("tasks")).hasSize(3);
    assertThat(json.path("tasks").get(0).path("appId").asText()).isEqualTo("/web");

    ApiFixture.Reply text = f.send("GET", "/v2/apps/web/tasks", null, "text/plain");
    assertThat(text.status()).isEqualTo(200);
    assertThat(text.header("Content-Type")).startsWith("text/plain");
    int servicePort = f.get("/v2/apps/web").json().path("app").path("portDefinitions").get(0).path("port").asInt();
    assertThat(text.body()).startsWith("web\t" + servicePort + "\th-a");
    assertThat(text.body().split("\t")).hasSize(3 + 2 + 1 - 1 + 1); // id, port, 3 host:port entries, newline

    ApiFixture.Reply one = f.delete("/v2/apps/web/tasks/" + tasks.getFirst());
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.json().path("task").path("id").asText()).isEqualTo(tasks.getFirst());
    assertThat(f.delete("/v2/apps/web/tasks/web.instance-00000000-0000-4000-8000-000000000000._app.1").status())
        .isEqualTo(404);
    assertThat(f.delete("/v2/apps/web/tasks/garbage").status()).isEqualTo(400);

    f.tick();
    ApiFixture.Reply scaled = f.delete("/v2/apps/web/tasks?scale=true&host=h-a1");
    assertThat(scaled.status()).isEqualTo(200);
    assertThat(scaled.header("Marathon-Deployment-Id")).isEqualTo(scaled.json().path("deploymentId").asText());
    assertThat(f.get("/v2/apps/web").json().path("app").path("instances").asInt()).isLessThan(3);
    assertThat(f.delete("/v2/apps/web/tasks?scale=true&wipe=true").status()).isEqualTo(400);
  }

  @Test
  void allTasksFilterByStatusAndDeleteByIds() {
    f.post("/v2/apps", "{\"id\":\"/a\",\"cmd\":\"sleep 100\",\"cpus\":0.5,\"mem\":32,\"instances\":2}");
    List<String> tasks = f.launchAndRun();
    assertThat(f.get("/v2/tasks").json().path("tasks")).hasSize(2);
    assertThat(f.get("/v2/tasks?status=running").json().path("tasks")).hasSize(2);
    assertThat(f.get("/v2/tasks?status=staging").json().path("tasks")).isEmpty();
    assertThat(f.send("GET", "/v2/tasks", null, "text/plain").body()).startsWith("a\t");

    ApiFixture.Reply bad = f.post("/v2/tasks/delete", "{\"ids\":[\"nonsense\"]}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("message").asText()).contains("nonsense");
    assertThat(f.post("/v2/tasks/delete", "{\"ids\":").status()).isEqualTo(400);

    ApiFixture.Reply killed = f.post("/v2/tasks/delete", "{\"ids\":[\"" + tasks.getFirst() + "\"]}");
    assertThat(killed.status()).isEqualTo(200);
    assertThat(killed.json().path("tasks").get(0).path("id").asText()).isEqualTo(tasks.getFirst());

    f.tick();
    ApiFixture.Reply scaled = f.post("/v2/tasks/delete?scale=true", "{\"ids\":[\"" + tasks.get(1) + "\"]}");
    assertThat(scaled.status()).isEqualTo(200);
    assertThat(scaled.json().has("deploymentId")).isTrue();
    assertThat(f.get("/v2/apps/a").json().path("app").path("instances").asInt()).isEqualTo(1);
  }

  @Test
  void deploymentsListRollbackAndForcedStop() {
    ApiFixture.Reply created = f.post("/v2/apps", "{\"id\":\"/d\",\"cmd\":\"sleep 100\",\"instances\":2}");
    String dep = created.header("Marathon-Deployment-Id");
    JsonNode list = f.get("/v2/deployments").json();
    assertThat(list.isArray()).isTrue();
    assertThat(list.get(0).path("id").asText()).isEqualTo(dep);
    assertThat(list.get(0).path("affectedApps").get(0).asText()).isEqualTo("/d");
    assertThat(list.get(0).path("steps").get(0).path("actions").get(0).path("action").asText())
        .isEqualTo("StartApplication");
    assertThat(list.get(0).path("totalSteps").asInt()).isPositive();

    f.tick();
    ApiFixture.Reply rollback = f.delete("/v2/deployments/" + dep);
    assertThat(rollback.status()).isEqualTo(200);
    String rollbackId = rollback.header("Marathon-Deployment-Id");
    assertThat(rollbackId).isNotEqualTo(dep).isEqualTo(rollback.json().path("deploymentId").asText());
    assertThat(f.get("/v2/apps/d").status()).isEqualTo(404); // the new app is rolled back away

    ApiFixture.Reply missing = f.delete("/v2/deployments/" + dep);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().path("message").asText()).isEqualTo("DeploymentPlan " + dep + " does not exist");

    f.tick();
    String second = f.post("/v2/apps", "{\"id\":\"/e\",\"cmd\":\"sleep 100\",\"instances\":2}")
        .header("Marathon-Deployment-Id");
    ApiFixture.Reply stopped = f.delete("/v2/deployments/" + second + "?force=true");
    assertThat(stopped.status()).isEqualTo(202);
    assertThat(stopped.body()).isEmpty();
    assertThat(f.get("/v2/apps/e").status()).isEqualTo(200); // stopping keeps the app
    assertThat(f.get("/v2/deployments").json().findValuesAsText("id")).doesNotContain(second);
  }

  static final String GROUP = """
      {"id":"/prod","apps":[{"id":"db","cmd":"sleep 100","instances":0}],
       "groups":[{"id":"/prod/web","apps":[{"id":"/prod/web/front","cmd":"sleep 100","instances":1}],
                  "dependencies":["/prod/db"]}]}
      """;

  @Test
  void groupsCreateShowDryRunScaleAndDelete() {
    ApiFixture.Reply created = f.post("/v2/groups", GROUP);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.header("Location")).endsWith("/v2/groups/prod");
    assertThat(created.header("Marathon-Deployment-Id")).isEqualTo(created.json().path("deploymentId").asText());
    assertThat(f.post("/v2/groups", GROUP).status()).isEqualTo(409);

    JsonNode root = f.get("/v2/groups").json();
    assertThat(root.path("id").asText()).isEqualTo("/");
    JsonNode prod = root.path("groups").get(0);
    assertThat(prod.path("apps").get(0).path("id").asText()).isEqualTo("/prod/db");
    assertThat(prod.path("apps").get(0).path("mem").asDouble()).isEqualTo(128); // defaults filled
    assertThat(prod.path("groups").get(0).path("dependencies").get(0).asText()).isEqualTo("/prod/db");
    assertThat(f.get("/v2/groups/prod/web").json().path("apps").get(0).path("id").asText()).isEqualTo("/prod/web/front");
    JsonNode onlyApps = f.get("/v2/groups/prod?embed=group.apps&embed=group.apps.counts").json();
    assertThat(onlyApps.has("groups")).isFalse();
    assertThat(onlyApps.path("apps").get(0).has("tasksRunning")).isTrue();
    ApiFixture.Reply missing = f.get("/v2/groups/nope");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().path("message").asText()).isEqualTo("Group '/nope' does not exist");
    assertThat(f.get("/v2/groups/prod/versions").json().path("versions")).hasSize(1);

    f.tick();
    ApiFixture.Reply dry = f.put("/v2/groups/prod?dryRun=true",
        "{\"apps\":[{\"id\":\"db\",\"cmd\":\"sleep 100\",\"instances\":2}]}");
    assertThat(dry.status()).as(dry.body()).isEqualTo(200);
    assertThat(dry.json().path("steps").isArray()).isTrue();
    assertThat(dry.json().findValuesAsText("action")).isNotEmpty();
    assertThat(f.get("/v2/apps/prod/db").json().path("app").path("instances").asInt()).isZero(); // nothing applied

    ApiFixture.Reply scaled = f.put("/v2/groups/prod/web?force=true", "{\"scaleBy\":2}");
    assertThat(scaled.status()).as(scaled.body()).isEqualTo(200);
    assertThat(f.get("/v2/apps/prod/web/front").json().path("app").path("instances").asInt()).isEqualTo(2);

    ApiFixture.Reply oldVersion = f.put("/v2/groups/prod", "{\"version\":\"2001-01-01T00:00:00.000Z\"}");
    assertThat(oldVersion.status()).isEqualTo(404);
    assertThat(oldVersion.json().path("message").asText()).contains("does not exist in version");

    // Rolling back to the version before the scale brings the old instance count back.
    JsonNode groupVersions = f.get("/v2/groups/prod/versions").json().path("versions");
    assertThat(groupVersions.size()).isGreaterThanOrEqualTo(2);
    String beforeScale = groupVersions.get(1).asText();
    f.tick();
    ApiFixture.Reply rollback = f.put("/v2/groups/prod?force=true", "{\"version\":\"" + beforeScale + "\"}");
    assertThat(rollback.status()).as(rollback.body()).isEqualTo(200);
    assertThat(f.get("/v2/apps/prod/web/front").json().path("app").path("instances").asInt()).isEqualTo(1);

    assertThat(f.put("/v2/groups/prod", "{\"apps\":[{\"id\":\"/other/x\",\"cmd\":\"sleep 1\"}]}").status())
        .isEqualTo(422);
    assertThat(f.put("/v2/groups/prod", "{\"apps\":5}").status()).isEqualTo(400);

    f.tick();
    ApiFixture.Reply deleted = f.delete("/v2/groups/prod?force=true");
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.json().has("deploymentId")).isTrue();
    assertThat(f.get("/v2/groups/prod").status()).isEqualTo(404);
    assertThat(f.get("/v2/apps").json().path("apps")).isEmpty();
    assertThat(f.delete("/v2/groups/prod").status()).isEqualTo(404);
  }

  @Test
  void queueShowsWaitingAppsAndDelayResets() {
    f.post("/v2/apps", "{\"id\":\"/q\",\"cmd\":\"sleep 100\",\"instances\":2}"); // no offers: it waits
    JsonNode queue = f.get("/v2/queue").json().path("queue");
    assertThat(queue).hasSize(1);
    assertThat(queue.get(0).path("app").path("id").asText()).isEqualTo("/q");
    assertThat(queue.get(0).path("count").asInt()).isEqualTo(2);
    assertThat(queue.get(0).path("delay").has("overdue")).isTrue();
    assertThat(queue.get(0).has("processedOffersSummary")).isTrue();
    assertThat(queue.get(0).has("lastUnusedOffers")).isFalse();
    assertThat(f.get("/v2/queue?embed=lastUnusedOffers").json().path("queue").get(0).has("lastUnusedOffers")).isTrue();

    assertThat(f.delete("/v2/queue/q/delay").status()).isEqualTo(200);
    ApiFixture.Reply missing = f.delete("/v2/queue/nope/delay");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().path("message").asText()).contains("/nope");
  }

  @Test
  void unexpectedFailureIsAJson500WithoutStackTrace() throws Exception {
    AppsBackend broken = new AppsBackend() {
      @Override public CompletableFuture<CoreEffect> submit(Function<CoreViews, Step> decide) {
        return CompletableFuture.failedFuture(new NullPointerException("boom"));
      }

      @Override public <T> CompletableFuture<T> read(Function<CoreViews, T> query) {
        return CompletableFuture.failedFuture(new NullPointerException("boom"));
      }

      @Override public Versions versions() { throw new NullPointerException("boom"); }
    };
    Javalin app = Javalin.create(c -> c.showJavalinBanner = false);
    AppsApi.install(app, () -> Optional.of(broken), f.clock, Rng.seeded(1), e -> { });
    app.start("127.0.0.1", 0);
    try {
      HttpResponse<String> r = f.http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + app.port() + "/v2/apps")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(500);
      assertThat(r.body()).contains("\"message\"").doesNotContain("NullPointerException").doesNotContain("boom")
          .doesNotContain("at io.");
    } finally {
      app.stop();
    }
  }
}
