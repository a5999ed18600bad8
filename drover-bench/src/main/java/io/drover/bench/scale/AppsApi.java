package io.drover.bench.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The few Marathon {@code /v2} calls the scale bench makes, over plain HTTP/1.1. */
final class AppsApi {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  /** A response: status, body, and how long the request took. */
  record Response(int status, byte[] body, double ms) {
    JsonNode json() throws IOException { return JSON.readTree(body); }
  }

  private final HttpClient http;
  private final URI base;

  AppsApi(HttpClient http, int port) {
    this.http = http;
    this.base = URI.create("http://127.0.0.1:" + port);
  }

  Response get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).GET());
  }

  Response post(String path, JsonNode body) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
  }

  Response delete(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).DELETE());
  }

  private Response send(HttpRequest.Builder b) throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    HttpResponse<byte[]> r = http.send(b.header("Accept", "application/json").build(),
        HttpResponse.BodyHandlers.ofByteArray());
    return new Response(r.statusCode(), r.body(), (System.nanoTime() - t0) / 1e6);
  }

  /**
   * The group {@code id} of {@code apps} apps {@code <id>/app-NNNN}, each {@code instances} instances of a command
   * app ({@code sleep 3600}, one host port, {@code cpus}/{@code memMb}) — the body of {@code POST /v2/groups}.
   */
  static ObjectNode group(String id, int apps, int instances, double cpus, int memMb) {
    ObjectNode g = JSON.createObjectNode().put("id", id);
    ArrayNode list = g.putArray("apps");
    for (int i = 0; i < apps; i++) {
      ObjectNode a = list.addObject();
      a.put("id", String.format("%s/app-%04d", id, i)).put("cmd", "sleep 3600").put("cpus", cpus).put("mem", memMb)
          .put("instances", instances);
      a.putArray("portDefinitions").addObject().put("port", 0).put("protocol", "tcp");
    }
    return g;
  }

  /** Sums {@code tasksRunning} over a {@code GET /v2/apps} body's apps whose id starts with {@code prefix}. */
  static long tasksRunning(JsonNode appsBody, String prefix) {
    long n = 0;
    for (JsonNode a : appsBody.path("apps")) {
      if (a.path("id").asText().startsWith(prefix)) n += a.path("tasksRunning").asLong();
    }
    return n;
  }
}
