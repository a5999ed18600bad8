package io.drover.apps.api.v2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Contract tests of {@code /v2/apps}: status codes, envelopes, headers, defaults and error bodies. */
final class AppsApiAppsTest {
  final ApiFixture f = new ApiFixture();

  @AfterEach void stop() { f.close(); }

  static final String WEB = "{\"id\":\"/web\",\"cmd\":\"sleep 100\",\"cpus\":0.5,\"mem\":32,\"instances\":2}";

  @Test
  void createAnswers201WithLocationDeploymentHeaderDefaultsAndZeroCounts() {
    ApiFixture.Reply r = f.post("/v2/apps", "{\"id\":\"web\",\"cmd\":\"sleep 100\"}");
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.header("Location")).endsWith("/v2/apps/web");
    String dep = r.header("Marathon-Deployment-Id");
    assertThat(dep).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    JsonNode app = r.json();
    assertThat(app.path("id").asText()).isEqualTo("/web");
    assertThat(app.path("cpus").asDouble()).isEqualTo(1.0);
    assertThat(app.path("mem").asDouble()).isEqualTo(128.0);
    assertThat(app.path("instances").asInt()).isEqualTo(1);
    assertThat(app.path("backoffFactor").asDouble()).isEqualTo(1.15);
    assertThat(app.path("version").asText()).isEqualTo("2023-11-14T22:13:20.000Z");
    assertThat(app.path("portDefinitions").get(0).path("port").asInt()).isBetween(10000, 20000);
    for (String c : List.of("tasksStaged", "tasksRunning", "tasksHealthy", "tasksUnhealthy")) {
      assertThat(app.path(c).asInt(-1)).as(c).isZero();
    }
    assertThat(app.path("deployments").get(0).path("id").asText()).isEqualTo(dep);

    ApiFixture.Reply dup = f.post("/v2/apps", "{\"id\":\"/web\",\"cmd\":\"sleep 1\"}");
    assertThat(dup.status()).isEqualTo(409);
    assertThat(dup.json().path("message").asText()).isEqualTo("An app with id [/web] already exists.");
  }

  @Test
  void badJsonIs400InvalidObjectIs422UnknownAppIs404() {
    ApiFixture.Reply bad = f.post("/v2/apps", "{\"id\": ");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("message").asText()).isEqualTo("Invalid JSON");
    assertThat(bad.json().path("details").isArray()).isTrue();

    ApiFixture.Reply typed = f.post("/v2/apps", "{\"id\": 5, \"cmd\":\"x\"}");
    assertThat(typed.status()).isEqualTo(400);
    assertThat(typed.json().path("details").get(0).path("path").asText()).isEqualTo("/id");

    ApiFixture.Reply invalid = f.post("/v2/apps",
        "{\"id\":\"/x\",\"cmd\":\"sleep 1\",\"upgradeStrategy\":{\"minimumHealthCapacity\":2}}");
    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.json().path("message").asText()).isEqualTo("Object is not valid");
    assertThat(invalid.json().path("details").get(0).path("path").asText()).as(invalid.body())
        .isEqualTo("/upgradeStrategy/minimumHealthCapacity");

    ApiFixture.Reply missing = f.get("/v2/apps/nope/deeper");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().path("message").asText()).isEqualTo("App '/nope/deeper' does not exist");
    assertThat(f.delete("/v2/apps/nope").status()).isEqualTo(404);
    assertThat(f.post("/v2/apps/nope/restart", "").status()).isEqualTo(404);
  }

  @Test
  void showEmbedsCountsTasksAndDeployments() {
    f.post("/v2/apps", WEB);
    List<String> tasks = f.launchAndRun();
    assertThat(tasks).hasSize(2);
    JsonNode app = f.get("/v2/apps/web").json().path("app");
    assertThat(app.path("tasksRunning").asInt()).isEqualTo(2);
    assertThat(app.path("tasks")).hasSize(2);
    assertThat(app.path("tasks").get(0).path("state").asText()).isEqualTo("TASK_RUNNING");
    assertThat(app.path("deployments")).isEmpty(); // the deployment finished once both ran
  }

  @Test
  void putCreatesWith201ThenUpdatesWith200AndMergesByDefault() {
    ApiFixture.Reply created = f.put("/v2/apps/api", "{\"cmd\":\"sleep 5\",\"instances\":0,\"cpus\":0.25}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("Location")).endsWith("/v2/apps/api");
    assertThat(created.json().path("deploymentId").asText()).isEqualTo(created.header("Marathon-Deployment-Id"));
    assertThat(created.json().path("version").asText()).isNotEmpty();

    f.tick();
    ApiFixture.Reply updated = f.put("/v2/apps/api", "{\"id\":\"/ignored\",\"mem\":64}");
    assertThat(updated.status()).isEqualTo(200);
    JsonNode app = f.get("/v2/apps/api").json().path("app");
    assertThat(app.path("cmd").asText()).isEqualTo("sleep 5"); // partialUpdate=true kept it
    assertThat(app.path("cpus").asDouble()).isEqualTo(0.25);
    assertThat(app.path("mem").asDouble()).isEqualTo(64);

    f.tick();
    assertThat(f.put("/v2/apps/api?partialUpdate=false", "{\"cmd\":\"sleep 6\",\"instances\":0}").status())
        .isEqualTo(200);
    JsonNode replaced = f.get("/v2/apps/api").json().path("app");
    assertThat(replaced.path("cpus").asDouble()).isEqualTo(1.0); // back to the default
    assertThat(replaced.path("mem").asDouble()).isEqualTo(128);
    assertThat(f.get("/v2/apps").json().path("apps")).hasSize(1);
  }

  @Test
  void patchUpdatesKnownAppsOnly() {
    assertThat(f.patch("/v2/apps/nope", "{\"instances\":2}").status()).isEqualTo(404);
    f.post("/v2/apps", "{\"id\":\"/p\",\"cmd\":\"sleep 1\",\"instances\":0}");
    f.tick();
    ApiFixture.Reply r = f.patch("/v2/apps/p", "{\"labels\":{\"a\":\"b\"}}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Marathon-Deployment-Id")).isNotNull();
    assertThat(f.get("/v2/apps/p").json().path("app").path("labels").path("a").asText()).isEqualTo("b");
    assertThat(f.patch("/v2/apps/p", "[1]").status()).isEqualTo(400);
  }

  @Test
  void lockedAppAnswers409UnlessForcedAndDeleteForcesByDefault() {
    ApiFixture.Reply first = f.post("/v2/apps", WEB); // no offers: the deployment keeps running
    String dep = first.header("Marathon-Deployment-Id");
    f.tick();
    ApiFixture.Reply locked = f.put("/v2/apps/web", "{\"instances\":3}");
    assertThat(locked.status()).isEqualTo(409);
    assertThat(locked.json().path("message").asText()).startsWith("App is locked by one or more deployments.");
    assertThat(locked.json().path("deployments").get(0).path("id").asText()).isEqualTo(dep);

    ApiFixture.Reply forced = f.put("/v2/apps/web?force=true", "{\"instances\":3}");
    assertThat(forced.status()).isEqualTo(200);
    assertThat(f.get("/v2/apps/web").json().path("app").path("instances").asInt()).isEqualTo(3);

    f.tick();
    assertThat(f.delete("/v2/apps/web?force=false").status()).isEqualTo(409);
    ApiFixture.Reply deleted = f.delete("/v2/apps/web");
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.json().has("deploymentId")).isTrue();
    assertThat(f.get("/v2/apps/web").status()).isEqualTo(404);
  }

  @Test
  void listFiltersByCmdIdAndLabelSelectorsAndEmbeds() {
    f.post("/v2/apps", "{\"id\":\"/a/one\",\"cmd\":\"python serve\",\"instances\":0,\"labels\":{\"tier\":\"web\",\"env\":\"prod\"}}");
    f.post("/v2/apps", "{\"id\":\"/a/two\",\"cmd\":\"sleep 1\",\"instances\":0,\"labels\":{\"tier\":\"db\"}}");
    f.post("/v2/apps", "{\"id\":\"/b\",\"cmd\":\"sleep 2\",\"instances\":0}");
    assertThat(ids("/v2/apps")).containsExactly("/a/one", "/a/two", "/b");
    assertThat(ids("/v2/apps?cmd=sleep")).containsExactly("/a/two", "/b");
    assertThat(ids("/v2/apps?id=/a/")).containsExactly("/a/one", "/a/two");
    assertThat(ids("/v2/apps?label=tier")).containsExactly("/a/one", "/a/two");
    assertThat(ids("/v2/apps?label=tier==web")).containsExactly("/a/one");
    assertThat(ids("/v2/apps?label=tier!=web")).containsExactly("/a/two", "/b");
    assertThat(ids("/v2/apps?label=tier%20in%20(db,cache)")).containsExactly("/a/two");
    assertThat(ids("/v2/apps?label=tier%20notin%20(db)")).containsExactly("/a/one", "/b");
    assertThat(ids("/v2/apps?label=tier,env==prod")).containsExactly("/a/one");
    assertThat(f.get("/v2/apps?label=tier%20in%20db").status()).isEqualTo(400);

    JsonNode plain = f.get("/v2/apps").json().path("apps").get(0);
    assertThat(plain.has("tasksRunning")).isTrue(); // counts always
    assertThat(plain.has("deployments")).isTrue(); // deployments always
    assertThat(plain.has("tasks")).isFalse();
    JsonNode embedded = f.get("/v2/apps?embed=apps.tasks&embed=apps.readiness&embed=apps.taskStats").json()
        .path("apps").get(0);
    assertThat(embedded.path("tasks").isArray()).isTrue();
    assertThat(embedded.path("readinessCheckResults").isArray()).isTrue();
    assertThat(embedded.path("tasksStats").isObject()).isTrue();

    JsonNode star = f.get("/v2/apps/a/*").json();
    assertThat(star.path("*")).hasSize(2);
  }

  @Test
  void restartStartsADeploymentAndVersionsListStoredOnesNewestFirst() {
    f.post("/v2/apps", "{\"id\":\"/r\",\"cmd\":\"sleep 1\",\"instances\":0}");
    String v1 = f.get("/v2/apps/r").json().path("app").path("version").asText();
    f.tick();
    ApiFixture.Reply restart = f.post("/v2/apps/r/restart", "");
    assertThat(restart.status()).isEqualTo(200);
    assertThat(restart.header("Marathon-Deployment-Id")).isEqualTo(restart.json().path("deploymentId").asText());
    String v2 = f.get("/v2/apps/r").json().path("app").path("version").asText();
    assertThat(v2).isNotEqualTo(v1);

    JsonNode versions = f.get("/v2/apps/r/versions").json();
    assertThat(versions.path("versions")).extracting(JsonNode::asText).containsExactly(v2, v1);
    assertThat(f.get("/v2/apps/r/versions/" + v2).json().path("id").asText()).isEqualTo("/r");
    JsonNode old = f.get("/v2/apps/r/versions/" + v1).json();
    assertThat(old.path("version").asText()).isEqualTo(v1);
    assertThat(f.get("/v2/apps/r/versions/2001-01-01T00:00:00.000Z").status()).isEqualTo(404);
    assertThat(f.get("/v2/apps/r/versions/not-a-time").status()).isEqualTo(404);
  }

  @Test
  void bulkPutCreatesAndMergesAndBulkPatchNeedsKnownApps() {
    ApiFixture.Reply r = f.put("/v2/apps", "[{\"id\":\"/x\",\"cmd\":\"sleep 1\",\"instances\":0},"
        + "{\"id\":\"/y\",\"cmd\":\"sleep 2\",\"instances\":0}]");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Marathon-Deployment-Id")).isNotNull();
    f.tick();
    assertThat(f.patch("/v2/apps", "[{\"id\":\"/x\",\"mem\":50},{\"id\":\"/z\",\"mem\":1}]").status()).isEqualTo(404);
    assertThat(f.patch("/v2/apps", "[{\"id\":\"/x\",\"mem\":50}]").status()).isEqualTo(200);
    JsonNode x = f.get("/v2/apps/x").json().path("app");
    assertThat(x.path("mem").asDouble()).isEqualTo(50);
    assertThat(x.path("cmd").asText()).isEqualTo("sleep 1");
    ApiFixture.Reply invalid = f.put("/v2/apps", "[{\"id\":\"/ok\",\"cmd\":\"sleep 1\"},{\"id\":\"/bad\",\"cpus\":-1,\"cmd\":\"sleep 1\"}]");
    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.json().path("details").get(0).path("path").asText()).as(invalid.body()).startsWith("(1)/");
  }

  @Test
  void noBackendOrLostLeadershipIs503() {
    f.current.set(Optional.empty());
    ApiFixture.Reply r = f.get("/v2/apps");
    assertThat(r.status()).isEqualTo(503);
    assertThat(r.json().path("message").asText()).isNotEmpty();
    f.current.set(Optional.of(f.backend));
    f.backend.leading = false;
    assertThat(f.post("/v2/apps", WEB).status()).isEqualTo(503);
    assertThat(f.get("/v2/groups").status()).isEqualTo(503);
  }

  private List<String> ids(String path) {
    ApiFixture.Reply r = f.get(path);
    assertThat(r.status()).as(path + " " + r.body()).isEqualTo(200);
    return java.util.stream.StreamSupport.stream(r.json().path("apps").spliterator(), false)
        .map(a -> a.path("id").asText()).toList();
  }
}
