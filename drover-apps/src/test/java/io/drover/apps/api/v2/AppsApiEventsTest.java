package io.drover.apps.api.v2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.apps.core.CoreConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Contract tests of {@code api_post_event}, {@code PATCH /v2/groups/{id}}, kill-and-scale across apps and the 403
 * beyond {@code --max_running_deployments}.
 */
final class AppsApiEventsTest {

  static List<JsonNode> ofType(ApiFixture f, String type) {
    synchronized (f.events) {
      return f.events.stream().filter(e -> e.path("eventType").asText().equals(type)).toList();
    }
  }

  @Test
  void createAndUpdatePublishApiPostEventWithTheStoredApp() {
    try (ApiFixture f = new ApiFixture()) {
      assertThat(f.post("/v2/apps", "{\"id\":\"/web\",\"cmd\":\"sleep 100\",\"mem\":32}").status()).isEqualTo(201);
      JsonNode created = ofType(f, "api_post_event").getLast();
      assertThat(created.path("clientIp").asText()).isEqualTo("127.0.0.1");
      assertThat(created.path("uri").asText()).isEqualTo("/v2/apps");
      assertThat(created.path("appDefinition").path("id").asText()).isEqualTo("/web");
      assertThat(created.path("appDefinition").path("version").asText()).isNotEmpty();
      assertThat(created.path("timestamp").asText()).endsWith("Z");

      f.tick();
      assertThat(f.put("/v2/apps/web?force=true", "{\"instances\":2}").status()).isEqualTo(200);
      JsonNode updated = ofType(f, "api_post_event").getLast();
      assertThat(updated.path("uri").asText()).isEqualTo("/v2/apps/web");
      assertThat(updated.path("appDefinition").path("instances").asInt()).isEqualTo(2);

      // A refused change publishes no api_post_event, but group_change_failed.
      int before = ofType(f, "api_post_event").size();
      f.tick();
      assertThat(f.put("/v2/apps/web", "{\"instances\":3}").status()).isEqualTo(409);
      assertThat(ofType(f, "api_post_event")).hasSize(before);
      assertThat(ofType(f, "group_change_failed")).isNotEmpty();
    }
  }

  @Test
  void patchGroupSetsEnforceRoleOnTopLevelGroupsOnly() {
    try (ApiFixture f = new ApiFixture()) {
      assertThat(f.post("/v2/groups", "{\"id\":\"/prod\",\"groups\":[{\"id\":\"/prod/db\"}]}").status())
          .isEqualTo(201);
      f.tick();
      ApiFixture.Reply ok = f.patch("/v2/groups/prod", "{\"enforceRole\":true}");
      assertThat(ok.status()).isEqualTo(200);
      assertThat(ok.body()).isEmpty();
      assertThat(f.get("/v2/groups/prod").json().path("enforceRole").asBoolean()).isTrue();
      f.tick();
      assertThat(f.patch("/v2/groups/prod", "{}").status()).isEqualTo(200);
      assertThat(f.get("/v2/groups/prod").json().path("enforceRole").asBoolean()).isFalse();

      ApiFixture.Reply nested = f.patch("/v2/groups/prod/db", "{\"enforceRole\":true}");
      assertThat(nested.status()).isEqualTo(422);
      assertThat(nested.json().path("details").get(0).path("errors").get(0).asText())
          .isEqualTo("Path needs to be top-level");
      assertThat(f.patch("/v2/groups/nope", "{\"enforceRole\":true}").json().path("message").asText())
          .isEqualTo("Group '/nope' does not exist");
      assertThat(f.patch("/v2/groups/nope", "{\"enforceRole\":true}").status()).isEqualTo(404);
      ApiFixture.Reply bad = f.patch("/v2/groups/prod", "{\"enforceRole\":\"yes\"}");
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.json().path("details").get(0).path("path").asText()).isEqualTo("/enforceRole");
      assertThat(f.patch("/v2/groups/prod", "not json").status()).isEqualTo(400);
    }
  }

  @Test
  void tasksDeleteWithScaleMakesOneDeploymentForAllApps() {
    try (ApiFixture f = new ApiFixture()) {
      f.post("/v2/apps", "{\"id\":\"/a\",\"cmd\":\"sleep 100\",\"cpus\":0.5,\"mem\":32,\"instances\":2}");
      f.tick();
      f.post("/v2/apps", "{\"id\":\"/b\",\"cmd\":\"sleep 100\",\"cpus\":0.5,\"mem\":32,\"instances\":2}");
      List<String> tasks = f.launchAndRun();
      assertThat(f.get("/v2/deployments").json()).isEmpty();
      String a = tasks.stream().filter(t -> t.startsWith("a.")).findFirst().orElseThrow();
      String b = tasks.stream().filter(t -> t.startsWith("b.")).findFirst().orElseThrow();

      f.tick();
      ApiFixture.Reply r = f.post("/v2/tasks/delete?scale=true", "{\"ids\":[\"" + a + "\",\"" + b + "\"]}");
      assertThat(r.status()).isEqualTo(200);
      String id = r.json().path("deploymentId").asText();
      assertThat(r.header("Marathon-Deployment-Id")).isEqualTo(id);
      JsonNode deployments = f.get("/v2/deployments").json();
      assertThat(deployments).hasSize(1);
      assertThat(deployments.get(0).path("id").asText()).isEqualTo(id);
      assertThat(deployments.get(0).path("affectedApps").toString()).isEqualTo("[\"/a\",\"/b\"]");
      assertThat(f.get("/v2/apps/a").json().path("app").path("instances").asInt()).isEqualTo(1);
      assertThat(f.get("/v2/apps/b").json().path("app").path("instances").asInt()).isEqualTo(1);

      String unknown = "nope.instance-00000000-0000-4000-8000-000000000000._app.1";
      ApiFixture.Reply unknownApp = f.post("/v2/tasks/delete", "{\"ids\":[\"" + unknown + "\"]}");
      assertThat(unknownApp.status()).isEqualTo(200);
      assertThat(unknownApp.json().path("tasks")).isEmpty();
    }
  }

  @Test
  void changesBeyondMaxRunningDeploymentsAre403() {
    try (ApiFixture f = new ApiFixture(CoreConfig.defaults().withMaxRunningDeployments(1))) {
      assertThat(f.post("/v2/apps", "{\"id\":\"/a\",\"cmd\":\"sleep 100\",\"mem\":32}").status()).isEqualTo(201);
      f.tick();
      ApiFixture.Reply refused = f.post("/v2/apps", "{\"id\":\"/b\",\"cmd\":\"sleep 100\",\"mem\":32}");
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.json().path("message").asText()).startsWith("Max number (1) of running deployments");
      assertThat(f.get("/v2/apps/b").status()).isEqualTo(404);
      assertThat(f.post("/v2/apps/a/restart?force=true", "").status()).isEqualTo(403);
    }
  }
}
