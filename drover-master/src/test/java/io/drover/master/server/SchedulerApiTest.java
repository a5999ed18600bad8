package io.drover.master.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.master.TestServers;
import io.drover.master.api.agent.AgentEvent;
import io.drover.master.api.v1.ApiJson;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler and agent APIs of one leading master over real HTTP, with a real coord. */
class SchedulerApiTest {
  @TempDir Path dir;
  Fixture fx;
  Master master;

  @BeforeEach void start() throws Exception {
    fx = new Fixture(TestServers.COORD, dir);
    master = fx.leader(UnaryOperator.identity());
  }

  @AfterEach void stop() throws Exception { fx.close(); }

  @Test void subscribedIsExactJsonWithStreamId() throws Exception {
    TestScheduler s = fx.scheduler(master);
    JsonNode subscribed = s.subscribe(null, false);
    assertThat(s.response.headers().firstValue("Content-Type")).hasValueSatisfying(
        v -> assertThat(v).startsWith("application/json"));
    assertThat(UUID.fromString(s.streamId)).isNotNull();
    String expected = "{\"type\":\"SUBSCRIBED\",\"subscribed\":{\"framework_id\":{\"value\":\"" + master.id()
        + "-0000\"},\"heartbeat_interval_seconds\":1.0,\"master_info\":" + ApiJson.write(master.info()) + "}}";
    assertThat(ApiJson.write(subscribed)).isEqualTo(expected);
    assertThat(s.next("HEARTBEAT")).isNotNull();
  }

  @Test void offerLaunchUpdateAcknowledge() throws Exception {
    TestScheduler s = fx.scheduler(master);
    s.subscribe(null, false);
    TestAgent a = fx.agent(master);
    AgentEvent.Subscribed sub = a.subscribe(null, java.util.List.of());
    assertThat(sub.agentId()).isEqualTo(master.id() + "-S0");
    assertThat(sub.heartbeatIntervalMs()).isEqualTo(15_000);
    assertThat(sub.pingTimeoutMs()).isEqualTo(75_000);

    JsonNode offer = s.next("OFFERS").at("/offers/offers/0");
    assertThat(offer.at("/allocation_info/role").asText()).isEqualTo("*");
    assertThat(offer.at("/agent_id/value").asText()).isEqualTo(a.agentId);
    assertThat(ApiJson.write(offer.get("attributes")))
        .isEqualTo("[{\"name\":\"rack\",\"type\":\"TEXT\",\"text\":{\"value\":\"r1\"}}]");
    // Mesos always tells where the agent answers; frameworks build e.g. the task's HOST from it.
    assertThat(ApiJson.write(offer.get("url"))).isEqualTo(
        "{\"scheme\":\"http\",\"address\":{\"hostname\":\"127.0.0.1\",\"ip\":\"127.0.0.1\",\"port\":5051},"
            + "\"path\":\"/slave(1)\"}");
    String offerId = offer.at("/id/value").asText();

    String task = "{\"name\":\"t1\",\"task_id\":{\"value\":\"t1\"},\"agent_id\":{\"value\":\"" + a.agentId + "\"},"
        + "\"resources\":[{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":0.5}}],"
        + "\"command\":{\"shell\":true,\"value\":\"sleep 1000\"},"
        + "\"kill_policy\":{\"grace_period\":{\"nanoseconds\":7000000000}}}";
    String accept = "{\"offer_ids\":[{\"value\":\"" + offerId + "\"}],\"operations\":[{\"type\":\"LAUNCH\","
        + "\"launch\":{\"task_infos\":[" + task + "]}}],\"filters\":{\"refuse_seconds\":0}}";
    assertThat(s.call("ACCEPT", "accept", accept).statusCode()).isEqualTo(202);

    AgentEvent.Launch launch = a.next(AgentEvent.Launch.class);
    assertThat(launch.frameworkId()).isEqualTo(s.frameworkId);
    assertThat(launch.role()).isEqualTo("*");
    assertThat(launch.taskInfo()).isEqualTo(ApiJson.read(task, JsonNode.class));
    assertThat(launch.frameworkInfo().at("/id/value").asText()).isEqualTo(s.frameworkId);
    assertThat(launch.frameworkInfo().get("name").asText()).isEqualTo("test-fw");

    String uuid = Base64.getEncoder().encodeToString(new byte[16]);
    assertThat(a.update(s.frameworkId, "t1", "TASK_RUNNING", uuid)).isEqualTo(202);
    JsonNode update = s.next("UPDATE").at("/update/status");
    assertThat(update.at("/state").asText()).isEqualTo("TASK_RUNNING");
    assertThat(update.at("/uuid").asText()).isEqualTo(uuid);
    assertThat(update.at("/agent_id/value").asText()).isEqualTo(a.agentId);

    String ack = "{\"agent_id\":{\"value\":\"" + a.agentId + "\"},\"task_id\":{\"value\":\"t1\"},\"uuid\":\""
        + uuid + "\"}";
    assertThat(s.call("ACKNOWLEDGE", "acknowledge", ack).statusCode()).isEqualTo(202);
    AgentEvent.Acknowledged acked = a.next(AgentEvent.Acknowledged.class);
    assertThat(acked).isEqualTo(new AgentEvent.Acknowledged(s.frameworkId, "t1", uuid));

    // KILL carries the task's kill_policy grace period to the agent.
    assertThat(s.call("KILL", "kill", "{\"task_id\":{\"value\":\"t1\"}}").statusCode()).isEqualTo(202);
    assertThat(a.next(AgentEvent.Kill.class)).isEqualTo(new AgentEvent.Kill(s.frameworkId, "t1", 7000));

    // The offer was used: using it again drops the task as TASK_LOST (not partition-aware), REASON_INVALID_OFFERS.
    String again = accept.replace("\"t1\"", "\"t2\"");
    assertThat(s.call("ACCEPT", "accept", again).statusCode()).isEqualTo(202);
    JsonNode lost = s.next("UPDATE", e -> e.at("/update/status/task_id/value").asText().equals("t2"))
        .at("/update/status");
    assertThat(lost.at("/state").asText()).isEqualTo("TASK_LOST");
    assertThat(lost.at("/reason").asText()).isEqualTo("REASON_INVALID_OFFERS");
    assertThat(lost.has("uuid")).isFalse();

    // Implicit reconciliation answers with the running task's latest state.
    assertThat(s.call("RECONCILE", "reconcile", "{\"tasks\":[]}").statusCode()).isEqualTo(202);
    JsonNode rec = s.next("UPDATE", e -> e.at("/update/status/reason").asText().equals("REASON_RECONCILIATION"));
    assertThat(rec.at("/update/status/task_id/value").asText()).isEqualTo("t1");

    // An explicit reconciliation of a large framework's every task is well over 1 MB; it is accepted.
    StringBuilder many = new StringBuilder("{\"tasks\":[");
    for (int i = 0; i < 20_000; i++) {
      if (i > 0) many.append(',');
      many.append("{\"task_id\":{\"value\":\"a-task-with-a-realistically-long-id-").append(i).append("\"}}");
    }
    many.append(",{\"task_id\":{\"value\":\"t1\"}}]}");
    assertThat(many.length()).isGreaterThan(1_000_000);
    assertThat(s.call("RECONCILE", "reconcile", many.toString()).statusCode()).isEqualTo(202);
    String last = "a-task-with-a-realistically-long-id-19999";
    s.next("UPDATE", e -> e.at("/update/status/task_id/value").asText().equals(last));
  }

  @Test void statusCodes() throws Exception {
    TestScheduler s = fx.scheduler(master);
    s.subscribe(null, false);
    String url = "/api/v1/scheduler";
    String teardown = "{\"framework_id\":{\"value\":\"" + s.frameworkId + "\"},\"type\":\"REVIVE\"}";
    assertThat(send(s.request(url, teardown).build())).isEqualTo(400); // no Mesos-Stream-Id
    assertThat(send(s.request(url, teardown).header("Mesos-Stream-Id", "wrong").build())).isEqualTo(400);
    assertThat(send(s.request(url, "{not json").header("Mesos-Stream-Id", s.streamId).build())).isEqualTo(400);
    assertThat(send(s.request(url, "{\"type\":\"REVIVE\"}").build())).isEqualTo(400); // no framework_id
    assertThat(send(s.request(url, teardown.replace(s.frameworkId, "nope")).header("Mesos-Stream-Id", s.streamId)
        .build())).isEqualTo(400);
    HttpResponse<String> proto = fx.http.send(s.request(url, teardown).setHeader("Content-Type", "application/x-protobuf")
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(proto.statusCode()).isEqualTo(415);
    assertThat(proto.body()).contains("only 'application/json'");
    assertThat(send(s.request(url, teardown).setHeader("Content-Type", "text/plain").build())).isEqualTo(415);
    HttpRequest noType = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + master.port() + url))
        .POST(HttpRequest.BodyPublishers.ofString(teardown)).build();
    assertThat(send(noType)).isEqualTo(400);
    HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + master.port() + url)).GET().build();
    assertThat(send(get)).isEqualTo(405);
    String subscribe = "{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":"
        + TestScheduler.frameworkInfo(null, false) + "}}";
    assertThat(send(s.request(url, subscribe).header("Accept", "application/x-protobuf").build())).isEqualTo(406);
    HttpResponse<String> ok = s.call("REVIVE", null, null);
    assertThat(ok.statusCode()).isEqualTo(202);

    // A framework whose stream broke is known but not subscribed: 403.
    s.events.close();
    await().atMost(Duration.ofSeconds(20)).until(() -> s.call("REVIVE", null, null).statusCode() == 403);
  }

  @Test void resubscribeClosesOldStream() throws Exception {
    TestScheduler first = fx.scheduler(master);
    first.subscribe(null, true);
    TestScheduler second = fx.scheduler(master);
    JsonNode again = second.subscribe(first.frameworkId, true);
    assertThat(again.at("/subscribed/framework_id/value").asText()).isEqualTo(first.frameworkId);
    assertThat(second.streamId).isNotEqualTo(first.streamId);
    await().atMost(Duration.ofSeconds(10)).until(first.events::ended);
    assertThat(first.call("REVIVE", null, null).statusCode()).isEqualTo(400); // old stream id
    assertThat(second.call("REVIVE", null, null).statusCode()).isEqualTo(202);
  }

  @Test void agentResubscribeReplacesOlderStreamAndBadCallsAre400() throws Exception {
    TestAgent first = fx.agent(master);
    first.subscribe(null, java.util.List.of());
    TestAgent second = fx.agent(master);
    assertThat(second.subscribe(first.agentId, java.util.List.of()).agentId()).isEqualTo(first.agentId);
    await().atMost(Duration.ofSeconds(10)).until(first.events::ended);
    assertThat(second.post(new io.drover.master.api.agent.AgentCall.Heartbeat(first.agentId))).isEqualTo(202);
    HttpRequest bad = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + master.port() + "/api/v1/agent"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"NOPE\"}"))
        .build();
    HttpResponse<String> r = fx.http.send(bad, HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("unknown agent call type 'NOPE'");
    // The agent's stream is still served: a framework gets its resources offered.
    TestScheduler s = fx.scheduler(master);
    s.subscribe(null, false);
    assertThat(s.next("OFFERS").at("/offers/offers/0/agent_id/value").asText()).isEqualTo(first.agentId);
  }

  @Test void legacyEndpoints() throws Exception {
    String base = "http://127.0.0.1:" + master.port();
    assertThat(send(HttpRequest.newBuilder(URI.create(base + "/master/health")).GET().build())).isEqualTo(200);
    HttpResponse<String> redirect = fx.http.send(HttpRequest.newBuilder(URI.create(base + "/master/redirect")).GET()
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(redirect.statusCode()).isEqualTo(307);
    assertThat(redirect.headers().firstValue("Location")).hasValue("//127.0.0.1:" + master.port());
    HttpResponse<String> metrics = fx.http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.body()).contains("drover_master_elected 1.0").contains("drover_master_allocation_cycle");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      JsonNode snap = ApiJson.read(fx.http.send(HttpRequest.newBuilder(URI.create(base + "/metrics/snapshot")).GET()
          .build(), HttpResponse.BodyHandlers.ofString()).body(), JsonNode.class);
      assertThat(snap.get("master/elected").asDouble()).isEqualTo(1.0);
      assertThat(snap.has("master/tasks_running")).isTrue();
    });
  }

  private int send(HttpRequest r) throws Exception {
    return fx.http.send(r, HttpResponse.BodyHandlers.ofString()).statusCode();
  }
}
