package io.drover.apps.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.apps.ha.LeaderProxy;
import io.drover.master.api.v1.FrameworkID;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code drover apps} process against a real coord and a real master: election, framework subscription and
 * failover with the stored framework id, the process endpoints, standby proxying and abdication.
 */
final class AppsServiceTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;
  private Cluster cluster;

  @AfterEach void tearDown() throws Exception {
    if (cluster != null) cluster.close();
  }

  private static Optional<FrameworkID> storedId(Cluster.Apps a) throws Exception {
    return a.service().store().frameworkId().get();
  }

  /** The one framework named marathon at the master, once it exists. */
  private JsonNode marathonFramework() throws Exception {
    for (JsonNode f : cluster.masterFrameworks()) if (f.path("name").asText().equals("marathon")) return f;
    return null;
  }

  @Test void leaderSubscribesTheFrameworkStoresItsIdAndServesTheProcessEndpoints() throws Exception {
    cluster = new Cluster(dir);
    cluster.startMaster();
    Cluster.Apps a = cluster.startApps();
    await().atMost(WAIT).until(() -> a.service().isLeader());
    await().atMost(WAIT).until(() -> storedId(a).isPresent());
    String id = storedId(a).orElseThrow().value();

    await().atMost(WAIT).until(() -> marathonFramework() != null && marathonFramework().path("active").asBoolean());
    JsonNode fw = marathonFramework();
    assertThat(cluster.masterFrameworks()).hasSize(1);
    assertThat(fw.path("id").asText()).isEqualTo(id);
    assertThat(fw.path("failover_timeout").asDouble()).isEqualTo(604800.0);
    assertThat(fw.path("checkpoint").asBoolean()).isTrue();
    assertThat(fw.path("roles").toString()).isEqualTo("[\"*\"]");
    assertThat(fw.path("capabilities").toString()).contains("PARTITION_AWARE", "TASK_KILLING_STATE", "MULTI_ROLE");

    HttpResponse<String> ping = cluster.get(a.url("/ping"));
    assertThat(ping.statusCode()).isEqualTo(200);
    assertThat(ping.body()).isEqualTo("pong");
    assertThat(ping.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
    assertThat(ping.headers().firstValue(LeaderProxy.HEADER_LEADER)).contains("http://" + a.hostPort());
    HttpResponse<String> pingJson = cluster.get(a.url("/ping"), "Accept", "application/json");
    assertThat(pingJson.body()).isEqualTo("\"pong\"");
    assertThat(pingJson.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
    assertThat(cluster.get(a.url("/ping"), "Accept", "text/html").statusCode()).isEqualTo(204);

    HttpResponse<String> infoResponse = cluster.get(a.url("/v2/info"));
    assertThat(infoResponse.statusCode()).isEqualTo(200);
    JsonNode info = cluster.json(infoResponse);
    assertThat(info.path("name").asText()).isEqualTo("marathon");
    assertThat(info.path("version").asText()).isNotEmpty();
    assertThat(info.has("buildref")).isTrue();
    assertThat(info.path("elected").asBoolean()).isTrue();
    assertThat(info.path("leader").asText()).isEqualTo(a.hostPort());
    assertThat(info.path("frameworkId").asText()).isEqualTo(id);
    JsonNode mc = info.path("marathon_config");
    assertThat(mc.path("master").asText()).isEqualTo(cluster.masterZk());
    assertThat(mc.path("framework_name").asText()).isEqualTo("marathon");
    assertThat(mc.path("failover_timeout").asLong()).isEqualTo(604800);
    assertThat(mc.path("hostname").asText()).isEqualTo("127.0.0.1");
    assertThat(mc.path("mesos_leader_ui_url").asText()).isEqualTo("http://127.0.0.1:" + cluster.master.port() + "/");
    assertThat(info.path("zookeeper_config").path("zk").asText()).endsWith(Cluster.APPS_PATH);
    assertThat(info.path("zookeeper_config").path("zk_session_timeout").asLong()).isEqualTo(3000);
    assertThat(info.path("zookeeper_config").path("zk_max_versions").asInt()).isEqualTo(50);
    assertThat(info.path("http_config").path("http_port").asInt()).isEqualTo(a.service().port());

    HttpResponse<String> leader = cluster.get(a.url("/v2/leader"));
    assertThat(leader.statusCode()).isEqualTo(200);
    assertThat(leader.body()).isEqualTo("{\"leader\":\"" + a.hostPort() + "\"}");

    HttpResponse<String> metrics = cluster.get(a.url("/metrics"));
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("marathon_leader 1.0", "marathon_http_event_streams_active",
        "marathon_uptime_seconds");
    assertThat(a.exits()).isEmpty();
  }

  @Test void standbyProxiesThenTakesOverWithTheSameFrameworkId() throws Exception {
    cluster = new Cluster(dir);
    cluster.startMaster();
    Cluster.Apps a = cluster.startApps();
    await().atMost(WAIT).until(() -> a.service().isLeader() && storedId(a).isPresent());
    String id = storedId(a).orElseThrow().value();
    Cluster.Apps b = cluster.startApps();
    assertThat(b.service().isLeader()).isFalse();

    HttpResponse<String> proxied = cluster.get(b.url("/v2/info"));
    assertThat(proxied.statusCode()).isEqualTo(200);
    assertThat(proxied.headers().firstValue(LeaderProxy.HEADER_LEADER)).contains("http://" + a.hostPort());
    JsonNode info = cluster.json(proxied);
    assertThat(info.path("elected").asBoolean()).isTrue(); // the leader's answer
    assertThat(info.path("leader").asText()).isEqualTo(a.hostPort());
    assertThat(info.path("http_config").path("http_port").asInt()).isEqualTo(a.service().port());
    assertThat(cluster.json(cluster.get(b.url("/v2/leader"))).path("leader").asText()).isEqualTo(a.hostPort());

    HttpResponse<String> events = cluster.get(b.url("/v2/events?event_type=x"), "Accept", "text/event-stream");
    assertThat(events.statusCode()).isEqualTo(302);
    assertThat(events.headers().firstValue("Location")).contains(a.url("/v2/events?event_type=x"));

    a.service().close();
    await().atMost(WAIT).until(() -> b.service().isLeader());
    // b subscribes with the stored id: a failover of the same framework, not a second one.
    await().atMost(WAIT).until(() -> {
      JsonNode fw = marathonFramework();
      return fw != null && fw.path("active").asBoolean() && fw.has("reregistered_time");
    });
    assertThat(cluster.masterFrameworks()).hasSize(1);
    assertThat(marathonFramework().path("id").asText()).isEqualTo(id);
    assertThat(storedId(b).orElseThrow().value()).isEqualTo(id);
    JsonNode bInfo = cluster.json(cluster.get(b.url("/v2/info")));
    assertThat(bInfo.path("elected").asBoolean()).isTrue();
    assertThat(bInfo.path("leader").asText()).isEqualTo(b.hostPort());
    assertThat(bInfo.path("frameworkId").asText()).isEqualTo(id);
    assertThat(a.exits()).as("close is not an abdication").isEmpty();
    assertThat(a.service().awaitTermination()).isNull();
  }

  @Test void deleteLeaderAbdicatesAndLeavesTheFrameworkRegistered() throws Exception {
    cluster = new Cluster(dir);
    cluster.startMaster();
    Cluster.Apps a = cluster.startApps();
    await().atMost(WAIT).until(() -> a.service().isLeader() && storedId(a).isPresent());
    String id = storedId(a).orElseThrow().value();

    HttpResponse<String> r = cluster.delete(a.url("/v2/leader"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"message\":\"Leadership abdicated\"}");
    await().atMost(WAIT).until(() -> !a.exits().isEmpty());
    assertThat(a.exits()).containsExactly(0);
    assertThat(a.service().isLeader()).isFalse();
    assertThat(a.service().awaitTermination()).hasMessageContaining("ABDICATED");
    assertThat(a.service().schedulerClient()).isEmpty();
    // Not torn down: the master keeps the (now disconnected) framework for its failover timeout.
    await().atMost(WAIT).until(() -> marathonFramework() != null && !marathonFramework().path("active").asBoolean());
    assertThat(marathonFramework().path("id").asText()).isEqualTo(id);
  }

  @Test void eventStreamCarriesSchedulerRegistrationAndDisconnection() throws Exception {
    cluster = new Cluster(dir);
    Cluster.Apps a = cluster.startApps(); // no master yet: the scheduler client waits for one
    await().atMost(WAIT).until(() -> a.service().isLeader());
    HttpResponse<Stream<String>> r = cluster.http.send(HttpRequest.newBuilder(URI.create(a.url(
        "/v2/events?event_type=scheduler_registered_event&event_type=scheduler_disconnected_event")))
        .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
    assertThat(r.statusCode()).isEqualTo(200);
    BlockingQueue<String> lines = new LinkedBlockingQueue<>(10_000);
    Thread reader = Thread.ofVirtual().start(() -> {
      try {
        r.body().forEach(lines::offer);
      } catch (UncheckedIOException e) {
        lines.offer("! stream ended: " + e.getMessage()); // the test closed it, or the server went away
      }
    });
    try {
      cluster.startMaster();
      String[] registered = nextFrame(lines);
      assertThat(registered[0]).isEqualTo("scheduler_registered_event");
      JsonNode event = Cluster.JSON.readTree(registered[1]);
      assertThat(event.path("eventType").asText()).isEqualTo("scheduler_registered_event");
      assertThat(event.path("frameworkId").asText()).isEqualTo(storedId(a).orElseThrow().value());
      assertThat(event.path("master").asText()).isEqualTo("127.0.0.1");
      assertThat(event.path("timestamp").asText()).endsWith("Z");

      cluster.master.close();
      assertThat(nextFrame(lines)[0]).isEqualTo("scheduler_disconnected_event");
    } finally {
      r.body().close();
      reader.interrupt();
    }
  }

  @Test void losingTheZooKeeperSessionEndsLeadershipAndExits() throws Exception {
    cluster = new Cluster(dir);
    cluster.startMaster();
    Cluster.Apps a = cluster.startApps();
    await().atMost(WAIT).until(() -> a.service().isLeader() && a.service().schedulerClient().isPresent());
    cluster.coord.close();
    await().atMost(WAIT).until(() -> !a.exits().isEmpty());
    assertThat(a.exits()).containsExactly(1);
    assertThat(a.service().isLeader()).isFalse();
    assertThat(a.service().schedulerClient()).isEmpty();
    assertThat(a.service().awaitTermination()).hasMessageContaining("leadership given up");
  }

  /** The next SSE frame's event name and data, skipping keep-alives. */
  private static String[] nextFrame(BlockingQueue<String> lines) throws InterruptedException {
    String name = null;
    while (true) {
      String line = lines.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(line).as("an SSE line in time").isNotNull();
      if (line.startsWith("event: ")) name = line.substring(7);
      else if (line.startsWith("data: ") && name != null) return new String[] {name, line.substring(6)};
    }
  }
}
