package io.drover.apps.ha;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.common.json.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A standby with the proxy in front of a fake leader, both real Javalin servers on loopback. */
final class LeaderProxyTest {
  private static final ObjectMapper JSON = Json.camelCase();
  private static final String SELF = "standby.test:8080";

  /** Leadership the test controls. */
  private static final class FakeLeadership implements Leadership {
    volatile boolean leader;
    volatile Optional<String> leaderHostPort = Optional.empty();
    /** Answers "unknown" this many more times before {@link #leaderHostPort}. */
    final AtomicInteger unknownFor = new AtomicInteger();
    final AtomicInteger lookups = new AtomicInteger();

    @Override public boolean isLeader() { return leader; }

    @Override public Optional<String> leaderHostPort() {
      lookups.incrementAndGet();
      return unknownFor.getAndDecrement() > 0 ? Optional.empty() : leaderHostPort;
    }
  }

  private final CountDownLatch release = new CountDownLatch(1);
  private final FakeLeadership leadership = new FakeLeadership();
  private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private Javalin leaderApp;
  private Javalin standby;
  private LeaderProxy proxy;
  private String leaderHostPort;

  @BeforeEach void setUp() {
    leaderApp = Javalin.create(c -> {
      c.showJavalinBanner = false;
      c.startupWatcherEnabled = false;
    });
    for (String path : new String[] {"/v2/apps", "/v2/apps/{id}"}) {
      leaderApp.get(path, this::echo);
      leaderApp.post(path, this::echo);
      leaderApp.put(path, this::echo);
      leaderApp.delete(path, this::echo);
      leaderApp.patch(path, this::echo);
    }
    leaderApp.get("/slow", ctx -> {
      release.await(30, TimeUnit.SECONDS);
      ctx.result("late");
    });
    leaderApp.start("127.0.0.1", 0);
    leaderHostPort = "127.0.0.1:" + leaderApp.port();
    leadership.leaderHostPort = Optional.of(leaderHostPort);
    startStandby(new LeaderProxy.Config(SELF, "http", Duration.ofSeconds(5), Duration.ofMillis(500), 3,
        Duration.ofMillis(20)));
  }

  private void startStandby(LeaderProxy.Config config) {
    if (standby != null) standby.stop();
    if (proxy != null) proxy.close();
    proxy = new LeaderProxy(leadership, config);
    standby = Javalin.create(c -> {
      c.showJavalinBanner = false;
      c.startupWatcherEnabled = false;
    });
    proxy.install(standby);
    standby.get("/v2/info", ctx -> ctx.json(JSON.createObjectNode().put("served", "locally")));
    standby.start("127.0.0.1", 0);
  }

  @AfterEach void tearDown() {
    release.countDown();
    standby.stop();
    leaderApp.stop();
    proxy.close();
    client.close();
  }

  /** The fake leader answers what it received. */
  private void echo(Context ctx) {
    ObjectNode o = JSON.createObjectNode();
    o.put("method", ctx.method().name());
    o.put("path", ctx.path());
    o.put("query", ctx.queryString());
    o.put("body", ctx.body());
    o.put("contentType", ctx.contentType());
    o.put("forwardedFor", ctx.header(LeaderProxy.HEADER_FORWARDED_FOR));
    o.put("via", ctx.header(LeaderProxy.HEADER_VIA));
    o.put("custom", ctx.header("X-Custom"));
    ctx.header("X-Leader-Answer", "yes");
    ctx.header("Location", "/v2/apps/created");
    ctx.status(ctx.method().name().equals("POST") ? 201 : 200);
    ctx.json(o);
  }

  private HttpResponse<String> send(String method, String pathAndQuery, String body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + standby.port() + pathAndQuery))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) b.headers(headers);
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> r) throws IOException { return JSON.readTree(r.body()); }

  @Test
  void proxiesEveryMethodWithPathQueryHeadersAndBody() throws Exception {
    for (String method : new String[] {"GET", "POST", "PUT", "DELETE", "PATCH"}) {
      String body = method.equals("GET") ? null : "{\"id\":\"/a\",\"method\":\"" + method + "\"}";
      HttpResponse<String> r = send(method, "/v2/apps/a%2Fb?force=true&embed=apps.tasks&embed=apps.counts", body,
          "Content-Type", "application/json", "X-Custom", "kept");
      assertThat(r.statusCode()).as(method).isEqualTo(method.equals("POST") ? 201 : 200);
      JsonNode echo = json(r);
      assertThat(echo.get("method").asText()).isEqualTo(method);
      assertThat(echo.get("path").asText()).isEqualTo("/v2/apps/a%2Fb");
      assertThat(echo.get("query").asText()).isEqualTo("force=true&embed=apps.tasks&embed=apps.counts");
      assertThat(echo.get("body").asText()).isEqualTo(body == null ? "" : body);
      assertThat(echo.get("custom").asText()).isEqualTo("kept");
      assertThat(echo.get("forwardedFor").asText()).isEqualTo("127.0.0.1");
      assertThat(echo.get("via").asText()).isEqualTo("1.1 " + SELF);
      assertThat(r.headers().firstValue("X-Leader-Answer")).contains("yes");
      assertThat(r.headers().firstValue("Location")).contains("/v2/apps/created");
      assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
      assertThat(r.headers().firstValue(LeaderProxy.HEADER_LEADER)).isEmpty(); // the fake leader sets none
    }
    // Even a path the standby serves itself goes to the leader (which has no such route: its 404 comes back).
    HttpResponse<String> info = send("GET", "/v2/info", null);
    assertThat(info.statusCode()).isEqualTo(404);
  }

  @Test
  void appendsToForwardedForAndVia() throws Exception {
    HttpResponse<String> r = send("GET", "/v2/apps", null, LeaderProxy.HEADER_FORWARDED_FOR, "192.0.2.7",
        LeaderProxy.HEADER_VIA, "1.1 other:8080");
    JsonNode echo = json(r);
    assertThat(echo.get("forwardedFor").asText()).isEqualTo("192.0.2.7, 127.0.0.1");
    assertThat(echo.get("via").asText()).isEqualTo("1.1 other:8080, 1.1 " + SELF);
  }

  @Test
  void aRequestThatAlreadyPassedThisInstanceIsALoop() throws Exception {
    HttpResponse<String> r = send("GET", "/v2/apps", null, LeaderProxy.HEADER_VIA, "1.1 other:8080, 1.1 " + SELF);
    assertThat(r.statusCode()).isEqualTo(502);
    assertThat(json(r).get("message").asText()).isEqualTo("Detected proxying loop.");
  }

  @Test
  void theLeaderServesLocallyAndSaysSo() throws Exception {
    leadership.leader = true;
    HttpResponse<String> r = send("GET", "/v2/info", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).get("served").asText()).isEqualTo("locally");
    assertThat(r.headers().firstValue(LeaderProxy.HEADER_LEADER)).contains("http://" + SELF);
    assertThat(leadership.lookups.get()).isZero();
  }

  @Test
  void eventsAreRedirectedToTheLeaderWithTheSameQuery() throws Exception {
    HttpResponse<String> r = send("GET", "/v2/events?event_type=status_update_event&event_type=deployment_info",
        null, "Accept", "text/event-stream");
    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(r.headers().firstValue("Location")).contains("http://" + leaderHostPort
        + "/v2/events?event_type=status_update_event&event_type=deployment_info");
  }

  @Test
  void unreachableLeaderIs503() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    leadership.leaderHostPort = Optional.of("127.0.0.1:" + closedPort);
    HttpResponse<String> r = send("GET", "/v2/apps", null);
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(json(r).get("message").asText()).isEqualTo("Connection to leader refused.");
  }

  @Test
  void slowLeaderIs504() throws Exception {
    HttpResponse<String> r = send("GET", "/slow", null);
    assertThat(r.statusCode()).isEqualTo(504);
    assertThat(json(r).get("message").asText()).isEqualTo("Connection to leader timed out.");
  }

  @Test
  void unknownLeaderIsRetriedThen502() throws Exception {
    leadership.leaderHostPort = Optional.empty();
    HttpResponse<String> r = send("GET", "/v2/apps", null);
    assertThat(r.statusCode()).isEqualTo(502);
    assertThat(json(r).get("message").asText()).isEqualTo("Could not determine the current leader");
    assertThat(leadership.lookups.get()).isEqualTo(3);

    // A leader that becomes known within the attempts is used; one naming this instance counts as unknown.
    leadership.lookups.set(0);
    leadership.leaderHostPort = Optional.of(leaderHostPort);
    leadership.unknownFor.set(2);
    assertThat(send("GET", "/v2/apps", null).statusCode()).isEqualTo(200);
    assertThat(leadership.lookups.get()).isEqualTo(3);

    leadership.leaderHostPort = Optional.of(SELF);
    assertThat(send("GET", "/v2/apps", null).statusCode()).isEqualTo(502);
  }

  @Test
  void defaultsAreMarathons() {
    LeaderProxy.Config d = LeaderProxy.Config.defaults(SELF);
    assertThat(d.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(d.readTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(d.leaderLookupAttempts()).isEqualTo(10);
    assertThat(d.leaderLookupDelay()).isEqualTo(Duration.ofMillis(250));
  }
}
