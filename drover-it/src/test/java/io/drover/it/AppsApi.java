package io.drover.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;

/** The Marathon REST API v2 of one {@code drover apps} (or {@code drover up}) instance, as the end-to-end tests call it. */
final class AppsApi {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration WAIT = Duration.ofSeconds(90);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
      .followRedirects(HttpClient.Redirect.NEVER).build();

  private final String base;

  /** {@code base} is e.g. {@code http://127.0.0.1:8080}. */
  AppsApi(String base) { this.base = base; }

  String base() { return base; }

  HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) b.header("Content-Type", "application/json");
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A request answered with another status than the one expected (an IOException: a failing-over service does it). */
  static final class UnexpectedStatus extends IOException {
    UnexpectedStatus(String message) { super(message); }
  }

  /** The JSON body of a request that must answer {@code status}; else {@link UnexpectedStatus}. */
  JsonNode call(String method, String path, String body, int status) throws IOException, InterruptedException {
    HttpResponse<String> r = send(method, path, body);
    if (r.statusCode() != status) {
      throw new UnexpectedStatus(method + " " + base + path + " answered " + r.statusCode() + ", not " + status + ": "
          + r.body());
    }
    return r.body().isEmpty() ? JSON.missingNode() : JSON.readTree(r.body());
  }

  JsonNode get(String path) throws IOException, InterruptedException { return call("GET", path, null, 200); }

  /** {@code GET /v2/apps/{id}}'s app object ({@code id} without the leading slash). */
  JsonNode app(String id) throws IOException, InterruptedException { return get("/v2/apps/" + id).path("app"); }

  /** {@code GET /v2/apps/{id}/tasks}: the app's tasks. */
  List<JsonNode> tasks(String id) throws IOException, InterruptedException {
    List<JsonNode> out = new ArrayList<>();
    get("/v2/apps/" + id + "/tasks").path("tasks").forEach(out::add);
    return out;
  }

  /** The first host port of every task of the app. */
  List<Integer> hostPorts(String id) throws IOException, InterruptedException {
    return tasks(id).stream().map(t -> t.path("ports").get(0).asInt()).toList();
  }

  /** {@code GET /v2/leader}: {@code host:port} of the leading instance. */
  String leader() throws IOException, InterruptedException { return get("/v2/leader").path("leader").asText(); }

  /** Waits until the app has {@code n} running and healthy tasks and no deployment. */
  void awaitSettled(String id, int n) {
    Awaitility.await(id + ": " + n + " healthy instances, no deployment").atMost(WAIT)
        .pollInterval(Duration.ofMillis(300)).ignoreExceptionsMatching(e -> e instanceof IOException).until(() -> {
          JsonNode a = app(id);
          return a.path("tasksHealthy").asInt() == n && a.path("tasksRunning").asInt() == n
              && a.path("deployments").isEmpty();
        });
  }

  /** A task as a load balancer routes to it: running and every health check alive (and at least one). */
  static boolean routable(JsonNode task) {
    JsonNode results = task.path("healthCheckResults");
    if (!"TASK_RUNNING".equals(task.path("state").asText()) || results.isEmpty()) return false;
    for (JsonNode r : results) {
      if (!r.path("alive").asBoolean(false)) return false;
    }
    return true;
  }
}
