package io.drover.apps.api.v2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.apps.core.CoreCommand;
import io.drover.apps.deploy.DeploymentJson.LastResponseView;
import io.drover.apps.deploy.DeploymentJson.ReadinessCheckResultView;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Readiness check results in the REST API: deployments' current actions and the {@code readiness} embeds. */
final class AppsApiReadinessTest {
  private final ApiFixture f = new ApiFixture();

  @AfterEach void close() { f.close(); }

  private static final String APP = """
      {"id": "/web", "cmd": "serve", "cpus": 0.1, "mem": 16, "instances": 1,
       "portDefinitions": [{"port": 0, "name": "http"}],
       "readinessChecks": [{"name": "warm", "path": "/ready", "portName": "http", "intervalSeconds": 5,
         "timeoutSeconds": 2, "preserveLastResponse": %s}]}""";

  @Test void resultsShowInTheDeploymentAndTheAppUntilReady() {
    assertThat(f.post("/v2/apps", APP.formatted("true")).status()).isEqualTo(201);
    String task = f.launchAndRun().getFirst();
    f.backend.handle(new CoreCommand.ReadinessResult(new ReadinessCheckResultView(task, "warm", false,
        new LastResponseView(503, "text/plain", "warming up"))));

    JsonNode deployments = f.get("/v2/deployments").json();
    assertThat(deployments).hasSize(1);
    JsonNode action = deployments.get(0).path("currentActions").get(0);
    JsonNode expected = Edge.JSON.createArrayNode().add(Edge.JSON.createObjectNode().put("taskId", task)
        .put("name", "warm").put("ready", false).set("lastResponse", Edge.JSON.createObjectNode()
            .put("status", 503).put("contentType", "text/plain").put("body", "warming up")));
    assertThat(action.path("app").asText()).isEqualTo("/web");
    assertThat(action.path("readinessCheckResults")).isEqualTo(expected);
    assertThat(f.get("/v2/apps/web?embed=app.readiness").json().path("app").path("readinessCheckResults"))
        .isEqualTo(expected);
    assertThat(f.get("/v2/apps?embed=apps.readiness").json().path("apps").get(0).path("readinessCheckResults"))
        .isEqualTo(expected);
    assertThat(f.get("/v2/groups?embed=group.apps&embed=group.apps.readiness").json().path("apps").get(0)
        .path("readinessCheckResults")).isEqualTo(expected);
    assertThat(f.get("/v2/apps/web").json().path("app").has("readinessCheckResults")).isFalse();

    f.backend.handle(new CoreCommand.ReadinessResult(new ReadinessCheckResultView(task, "warm", true,
        new LastResponseView(200, "text/plain", "ok"))));
    assertThat(f.get("/v2/deployments").json()).isEmpty();
    assertThat(f.get("/v2/apps/web?embed=app.readiness").json().path("app").path("readinessCheckResults"))
        .isEmpty();
  }

  @Test void withoutPreserveLastResponseTheLastResponseIsNull() {
    assertThat(f.post("/v2/apps", APP.formatted("false")).status()).isEqualTo(201);
    String task = f.launchAndRun().getFirst();
    f.backend.handle(new CoreCommand.ReadinessResult(new ReadinessCheckResultView(task, "warm", false, null)));
    JsonNode result = f.get("/v2/deployments").json().get(0).path("currentActions").get(0)
        .path("readinessCheckResults").get(0);
    assertThat(result.path("ready").asBoolean(true)).isFalse();
    assertThat(result.has("lastResponse")).isTrue();
    assertThat(result.path("lastResponse").isNull()).isTrue();
    assertThat(List.of(result.path("taskId").asText())).containsExactly(task);
  }
}
