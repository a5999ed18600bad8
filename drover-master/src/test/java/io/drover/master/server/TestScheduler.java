package io.drover.master.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.master.api.v1.ApiJson;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** Test side: a v1 scheduler speaking JSON over HTTP to a master. */
final class TestScheduler implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(20);
  private final HttpClient http;
  private final int port;
  HttpResponse<InputStream> response;
  StreamReader<JsonNode> events;
  String streamId;
  String frameworkId;

  TestScheduler(HttpClient http, int port) {
    this.http = http;
    this.port = port;
  }

  static String frameworkInfo(String id, boolean partitionAware) {
    return "{\"user\":\"root\",\"name\":\"test-fw\",\"roles\":[\"*\"],\"failover_timeout\":3600"
        + (id == null ? "" : ",\"id\":{\"value\":\"" + id + "\"}")
        + ",\"capabilities\":[{\"type\":\"MULTI_ROLE\"}" + (partitionAware ? ",{\"type\":\"PARTITION_AWARE\"}" : "")
        + "]}";
  }

  /** SUBSCRIBE (resubscribe when {@code id} is set); asserts 200 and reads SUBSCRIBED. */
  JsonNode subscribe(String id, boolean partitionAware) throws Exception {
    String body = "{" + (id == null ? "" : "\"framework_id\":{\"value\":\"" + id + "\"},")
        + "\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":" + frameworkInfo(id, partitionAware) + "}}";
    response = http.send(request("/api/v1/scheduler", body).header("Accept", "application/json").build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).as("SUBSCRIBE status").isEqualTo(200);
    streamId = response.headers().firstValue("Mesos-Stream-Id").orElseThrow();
    events = new StreamReader<>(response, b -> ApiJson.read(b, JsonNode.class));
    JsonNode subscribed = next("SUBSCRIBED");
    frameworkId = subscribed.at("/subscribed/framework_id/value").asText();
    return subscribed;
  }

  JsonNode next(String type) throws InterruptedException { return next(type, e -> true); }

  JsonNode next(String type, Predicate<JsonNode> p) throws InterruptedException {
    return events.next(e -> e.path("type").asText().equals(type) && p.test(e), WAIT);
  }

  HttpRequest.Builder request(String path, String body) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/json").timeout(WAIT)
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  /** A non-SUBSCRIBE call with this framework's id and stream id; returns the response. */
  HttpResponse<String> call(String type, String payloadKey, String payload) throws Exception {
    String body = "{\"framework_id\":{\"value\":\"" + frameworkId + "\"},\"type\":\"" + type + "\""
        + (payloadKey == null ? "" : ",\"" + payloadKey + "\":" + payload) + "}";
    return http.send(request("/api/v1/scheduler", body).header("Mesos-Stream-Id", streamId).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Override public void close() throws Exception {
    if (events != null) events.close();
  }
}
