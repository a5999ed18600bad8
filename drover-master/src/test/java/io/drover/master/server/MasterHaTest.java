package io.drover.master.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.common.mesos.TaskState;
import io.drover.master.TestServers;
import io.drover.master.api.agent.AgentCall;
import io.drover.master.api.agent.AgentEvent;
import io.drover.master.cluster.Task;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Election, failover, agent liveness and ZooKeeper session loss of real masters over HTTP. */
class MasterHaTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  @TempDir Path dir;
  Fixture fx;

  @AfterEach void stop() throws Exception { if (fx != null) fx.close(); }

  /** Two masters: the follower redirects; the leader is closed; the framework and agent move over, the task stays. */
  @ParameterizedTest
  @EnumSource(TestServers.class)
  void failoverKeepsTasks(TestServers server) throws Exception {
    fx = new Fixture(server, dir);
    Master first = fx.leader(UnaryOperator.identity());
    Master second = fx.master(UnaryOperator.identity());
    assertThat(second.isLeader()).isFalse();

    await().atMost(WAIT).untilAsserted(() -> {
      HttpResponse<String> r = fx.http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + second.port() + "/api/v1/scheduler"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(307);
      assertThat(r.headers().firstValue("Location")).hasValue("//127.0.0.1:" + first.port() + "/api/v1/scheduler");
    });
    HttpResponse<String> redirect = fx.http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + second.port() + "/master/redirect")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(redirect.statusCode()).isEqualTo(307);
    assertThat(redirect.headers().firstValue("Location")).hasValue("//127.0.0.1:" + first.port());

    TestScheduler s = fx.scheduler(first);
    s.subscribe(null, true);
    TestAgent a = fx.agent(first);
    a.subscribe(null, List.of());
    String offerId = s.next("OFFERS").at("/offers/offers/0/id/value").asText();
    launch(s, a, offerId, "web-1");
    a.next(AgentEvent.Launch.class);
    String uuid = Base64.getEncoder().encodeToString(new byte[16]);
    assertThat(a.update(s.frameworkId, "web-1", "TASK_RUNNING", uuid)).isEqualTo(202);
    s.next("UPDATE");

    first.close();
    await().atMost(WAIT).until(second::isLeader);

    TestScheduler s2 = fx.scheduler(second);
    JsonNode resub = s2.subscribe(s.frameworkId, true);
    assertThat(resub.at("/subscribed/framework_id/value").asText()).isEqualTo(s.frameworkId);
    TestAgent a2 = fx.agent(second);
    AgentEvent.Subscribed again = a2.subscribe(a.agentId, List.of(new AgentCall.RunningTask(s.frameworkId, "web-1",
        "web-1", "*", "cpus:0.5", "TASK_RUNNING")));
    assertThat(again.agentId()).isEqualTo(a.agentId);

    Optional<Task> task = second.readCore(c -> c.task(s.frameworkId, "web-1")).get(10, TimeUnit.SECONDS);
    assertThat(task).hasValueSatisfying(t -> {
      assertThat(t.state()).isEqualTo(TaskState.TASK_RUNNING);
      assertThat(t.agentId()).isEqualTo(a.agentId);
    });
    assertThat(s2.call("RECONCILE", "reconcile", "{\"tasks\":[]}").statusCode()).isEqualTo(202);
    JsonNode rec = s2.next("UPDATE").at("/update/status");
    assertThat(rec.at("/task_id/value").asText()).isEqualTo("web-1");
    assertThat(rec.at("/state").asText()).isEqualTo("TASK_RUNNING");
    assertThat(fx.exits).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void unreachableAgentTasks(boolean partitionAware) throws Exception {
    fx = new Fixture(TestServers.COORD, dir);
    Master m = fx.leader(b -> b.agentPingTimeout(Duration.ofMillis(200)).maxAgentPingTimeouts(2));
    TestScheduler s = fx.scheduler(m);
    s.subscribe(null, partitionAware);
    TestAgent a = fx.agent(m);
    AgentEvent.Subscribed sub = a.subscribe(null, List.of());
    assertThat(sub.heartbeatIntervalMs()).isEqualTo(200);
    assertThat(sub.pingTimeoutMs()).isEqualTo(400);
    // The agent's heartbeat, every 100 ms until the task runs; then it falls silent (unreachable).
    var beats = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
    beats.scheduleAtFixedRate(() -> {
      try {
        a.post(new AgentCall.Heartbeat(a.agentId));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, 0, 100, TimeUnit.MILLISECONDS);
    try {
      String offerId = s.next("OFFERS").at("/offers/offers/0/id/value").asText();
      launch(s, a, offerId, "t1");
      a.next(AgentEvent.Launch.class);
      assertThat(a.update(s.frameworkId, "t1", "TASK_RUNNING", Base64.getEncoder().encodeToString(new byte[16])))
          .isEqualTo(202);
      s.next("UPDATE", e -> e.at("/update/status/state").asText().equals("TASK_RUNNING"));
    } finally {
      beats.shutdownNow();
      assertThat(beats.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
    String expected = partitionAware ? "TASK_UNREACHABLE" : "TASK_LOST";
    JsonNode update = s.next("UPDATE", e -> !e.at("/update/status/state").asText().equals("TASK_RUNNING"))
        .at("/update/status");
    assertThat(update.at("/state").asText()).isEqualTo(expected);
    assertThat(update.at("/task_id/value").asText()).isEqualTo("t1");
    assertThat(s.next("FAILURE").at("/failure/agent_id/value").asText()).isEqualTo(a.agentId);
    // No more PINGs for an unreachable agent: its stream ends, so a thawed agent sees it and re-registers.
    await().atMost(WAIT).until(a.events::ended);
    AgentEvent.Subscribed back = a.subscribe(a.agentId, List.of(new AgentCall.RunningTask(s.frameworkId, "t1", "t1",
        "*", "cpus:0.5", "TASK_RUNNING")));
    assertThat(back.agentId()).isEqualTo(a.agentId);
    assertThat(m.readCore(c -> c.agentStatus(a.agentId)).get(10, TimeUnit.SECONDS))
        .contains(io.drover.master.cluster.AgentStatus.REGISTERED);
  }

  @Test void leaderLosingItsSessionExits() throws Exception {
    fx = new Fixture(TestServers.COORD, dir);
    Master m = fx.leader(UnaryOperator.identity());
    fx.zk.close();
    await().atMost(WAIT).until(() -> !fx.exits.isEmpty());
    assertThat(fx.exits).containsExactly(1);
    assertThat(m.awaitTermination()).hasMessageContaining("lost leadership");
    assertThat(m.isLeader()).isFalse();
  }

  /** A registry write that fails (here: the agents znode is read-only) stops the master like Mesos aborts. */
  @Test void registryWriteFailureExits() throws Exception {
    fx = new Fixture(TestServers.COORD, dir);
    try (var zk = io.drover.master.ha.ZkClients.newClient(
        io.drover.master.ha.ZkUrl.parse("zk://" + fx.zk.connectString() + "/x"), Duration.ofSeconds(5))) {
      zk.start();
      assertThat(zk.blockUntilConnected(10, TimeUnit.SECONDS)).isTrue();
      zk.create().creatingParentsIfNeeded().forPath("/drover/master/registry");
      zk.create().withACL(org.apache.zookeeper.ZooDefs.Ids.READ_ACL_UNSAFE).forPath("/drover/master/registry/agents");
    }
    Master m = fx.leader(UnaryOperator.identity());
    TestAgent a = fx.agent(m);
    HttpResponse<String> r = fx.http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + m.port() + "/api/v1/agent")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(io.drover.master.api.agent.AgentProtocol.encode(
            new AgentCall.Subscribe(Optional.empty(), "127.0.0.1", 5051, "cpus:1;mem:512", "", List.of(), "t"))))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(503);
    await().atMost(WAIT).until(() -> !fx.exits.isEmpty());
    assertThat(fx.exits).containsExactly(1);
    assertThat(m.awaitTermination()).hasMessageContaining("registry failure");
    assertThat(m.isLeader()).isFalse();
    assertThat(a.events).isNull(); // never admitted
  }

  private static void launch(TestScheduler s, TestAgent a, String offerId, String taskId) throws Exception {
    String task = "{\"name\":\"" + taskId + "\",\"task_id\":{\"value\":\"" + taskId + "\"},\"agent_id\":{\"value\":\""
        + a.agentId + "\"},\"resources\":[{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":0.5}}],"
        + "\"command\":{\"value\":\"sleep 1000\"}}";
    String accept = "{\"offer_ids\":[{\"value\":\"" + offerId + "\"}],\"operations\":[{\"type\":\"LAUNCH\","
        + "\"launch\":{\"task_infos\":[" + task + "]}}]}";
    assertThat(s.call("ACCEPT", "accept", accept).statusCode()).isEqualTo(202);
  }
}
