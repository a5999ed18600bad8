package io.drover.master.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.master.TestServers;
import io.drover.master.allocator.Quota;
import io.drover.master.api.v1.ApiJson;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator API and legacy endpoints of a real master over HTTP. */
class OperatorHttpTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  @TempDir Path dir;
  Fixture fx;

  @AfterEach void stop() throws Exception { if (fx != null) fx.close(); }

  @Test
  void callsAnswerJsonAndBadInputGetsAClearStatus() throws Exception {
    fx = new Fixture(TestServers.COORD, dir);
    Master m = fx.leader(UnaryOperator.identity());
    fx.agent(m).subscribe(null, List.of());

    HttpResponse<String> health = operator(m, "{\"type\":\"GET_HEALTH\"}", "application/json");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    assertThat(ApiJson.mapper().readTree(health.body()))
        .isEqualTo(ApiJson.mapper().readTree("{\"type\":\"GET_HEALTH\",\"get_health\":{\"healthy\":true}}"));

    JsonNode agents = ApiJson.mapper().readTree(operator(m, "{\"type\":\"GET_AGENTS\"}", "application/json").body());
    assertThat(agents.at("/get_agents/agents/0/agent_info/hostname").asText()).isEqualTo("127.0.0.1");
    assertThat(agents.at("/get_agents/agents/0/active").asBoolean()).isTrue();

    assertThat(operator(m, "{\"type\":\"NO_SUCH_CALL\"}", "application/json").statusCode()).isEqualTo(400);
    assertThat(operator(m, "not json", "application/json").statusCode()).isEqualTo(400);
    assertThat(operator(m, "{\"type\":\"START_MAINTENANCE\"}", "application/json").statusCode()).isEqualTo(501);
    HttpResponse<String> protobuf = operator(m, "\u0008\u0001", "application/x-protobuf");
    assertThat(protobuf.statusCode()).isEqualTo(415);
    assertThat(protobuf.body()).contains("application/json");

    JsonNode state = ApiJson.mapper().readTree(get(m, "/master/state").body());
    assertThat(state.path("slaves")).hasSize(1);
    assertThat(state.path("pid").asText()).isEqualTo("master@127.0.0.1:" + m.port());
    assertThat(state.path("leader").asText()).isEqualTo("master@127.0.0.1:" + m.port());
    assertThat(ApiJson.mapper().readTree(get(m, "/master/state-summary").body()).path("slaves")).hasSize(1);
  }

  @Test
  void weightsAndQuotaArePersistedAndSurviveFailover() throws Exception {
    fx = new Fixture(TestServers.COORD, dir);
    Master first = fx.leader(UnaryOperator.identity());
    Master second = fx.master(UnaryOperator.identity());
    fx.agent(first).subscribe(null, List.of());

    assertThat(operator(first, """
        {"type":"UPDATE_WEIGHTS","update_weights":{"weight_infos":[{"role":"eng","weight":2.5}]}}""",
        "application/json").statusCode()).isEqualTo(200);
    assertThat(operator(first, """
        {"type":"UPDATE_QUOTA","update_quota":{"quota_configs":[
          {"role":"eng","guarantees":{"cpus":{"value":1}},"limits":{"cpus":{"value":2}}}]}}""",
        "application/json").statusCode()).isEqualTo(200);
    assertThat(operator(first, """
        {"type":"UPDATE_QUOTA","update_quota":{"quota_configs":[{"role":"ops","guarantees":{"cpus":{"value":99}}}]}}""",
        "application/json").statusCode()).as("guarantees beyond the cluster need force").isEqualTo(400);

    first.close();
    await().atMost(WAIT).until(second::isLeader);
    await().atMost(WAIT).untilAsserted(() -> assertThat(operator(second, "{\"type\":\"GET_WEIGHTS\"}",
        "application/json").statusCode()).isEqualTo(200));
    assertThat(second.readCore(c -> c.allocator().weights()).get(10, TimeUnit.SECONDS)).isEqualTo(Map.of("eng", 2.5));
    assertThat(second.readCore(c -> c.allocator().quota("eng")).get(10, TimeUnit.SECONDS))
        .isEqualTo(new Quota(Map.of("cpus", 1000L), Map.of("cpus", 2000L)));
    JsonNode quota = ApiJson.mapper().readTree(operator(second, "{\"type\":\"GET_QUOTA\"}", "application/json").body());
    assertThat(quota.at("/get_quota/status/configs/0/role").asText()).isEqualTo("eng");
  }

  @Test
  void subscribeStreamsStateThenEvents() throws Exception {
    fx = new Fixture(TestServers.COORD, dir);
    Master m = fx.leader(UnaryOperator.identity());
    HttpResponse<InputStream> r = fx.http.send(request(m, "{\"type\":\"SUBSCRIBE\"}", "application/json"),
        HttpResponse.BodyHandlers.ofInputStream());
    assertThat(r.statusCode()).isEqualTo(200);
    try (StreamReader<JsonNode> events = new StreamReader<>(r, OperatorHttpTest::json)) {
      JsonNode subscribed = events.next(e -> true, WAIT);
      assertThat(subscribed.path("type").asText()).isEqualTo("SUBSCRIBED");
      assertThat(subscribed.at("/subscribed/heartbeat_interval_seconds").asDouble()).isEqualTo(15.0);
      TestAgent agent = fx.agent(m);
      agent.subscribe(null, List.of());
      JsonNode added = events.next(e -> e.path("type").asText().equals("AGENT_ADDED"), WAIT);
      assertThat(added.at("/agent_added/agent/agent_info/id/value").asText()).isEqualTo(agent.agentId);
    }
  }

  @Test
  void streamingClientsMayAskForRecordIoOfJson() throws Exception {
    fx = new Fixture(TestServers.COORD, dir);
    Master m = fx.leader(UnaryOperator.identity());
    HttpRequest recordio = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + m.port() + "/api/v1"))
        .header("Content-Type", "application/json").header("Accept", "application/recordio")
        .header("Message-Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"SUBSCRIBE\"}"))
        .build();
    HttpResponse<InputStream> r = fx.http.send(recordio, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/recordio");
    assertThat(r.headers().firstValue("Message-Content-Type")).hasValue("application/json");
    try (StreamReader<JsonNode> events = new StreamReader<>(r, OperatorHttpTest::json)) {
      assertThat(events.next(e -> true, WAIT).path("type").asText()).isEqualTo("SUBSCRIBED");
    }
    HttpRequest protobufOnly = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + m.port() + "/api/v1"))
        .header("Content-Type", "application/json").header("Accept", "application/recordio")
        .header("Message-Accept", "application/x-protobuf")
        .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"SUBSCRIBE\"}")).build();
    assertThat(fx.http.send(protobufOnly, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(406);
  }

  private static JsonNode json(byte[] record) {
    try {
      return ApiJson.mapper().readTree(record);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> operator(Master m, String body, String contentType) throws Exception {
    return fx.http.send(request(m, body, contentType), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(Master m, String path) throws Exception {
    return fx.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + m.port() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest request(Master m, String body, String contentType) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + m.port() + "/api/v1"))
        .header("Content-Type", contentType).header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }
}
