package io.drover.agent.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.common.random.Rng;
import io.drover.master.api.agent.AgentCall;
import io.drover.master.api.agent.AgentEvent;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The master link against real-HTTP test masters. */
final class MasterLinkTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final RecordingTasks tasks = new RecordingTasks();
  private final List<String> exits = new CopyOnWriteArrayList<>();
  private TestMaster master;

  @BeforeEach void startMaster() { master = closing(TestMaster.start("m1")); }

  @AfterEach void closeAll() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) closeables.get(i).close();
  }

  private <T extends AutoCloseable> T closing(T c) {
    closeables.add(c);
    return c;
  }

  private MasterLink link(URI base, long initialBackoffMs) throws Exception {
    MasterLinkSettings settings = MasterLinkSettings.of("agent-host", 5051, "cpus:2; mem:1024", "rack:r1", "test")
        .withBackoffMs(initialBackoffMs, initialBackoffMs * 8).withSubscribeTimeoutMs(2_000);
    return closing(MasterLink.start(new MasterLocator.Fixed(base), tasks, settings, Rng.seeded(7),
        (status, reason) -> exits.add(status + ":" + reason)));
  }

  @Test void registersThenHeartbeats() throws Exception {
    AgentCall.RunningTask running = new AgentCall.RunningTask("f1", "t1", "web", "*", "cpus:1", "TASK_RUNNING");
    tasks.running = List.of(running);
    MasterLink link = link(master.base(), 50);

    await().atMost(WAIT).until(() -> tasks.registered.equals(List.of("m1-S0")));
    assertThat(tasks.calls).startsWith("registered:m1-S0", "masterChanged");
    AgentCall.Subscribe first = master.subscribeCalls().get(0);
    assertThat(first.agentId()).isEmpty();
    assertThat(first.hostname()).isEqualTo("agent-host");
    assertThat(first.port()).isEqualTo(5051);
    assertThat(first.resources()).isEqualTo("cpus:2; mem:1024");
    assertThat(first.attributes()).isEqualTo("rack:r1");
    assertThat(first.runningTasks()).containsExactly(running);
    assertThat(link.agentId()).contains("m1-S0");
    assertThat(link.master()).contains(URI.create(master.base() + "/"));

    await().atMost(WAIT).until(() -> master.heartbeats.size() >= 3);
    assertThat(master.heartbeats).allMatch(h -> h.agentId().equals("m1-S0"));
  }

  @Test void usesTheRecoveredIdOnTheFirstSubscription() throws Exception {
    tasks.recoveredAgentId = Optional.of("old-S7");
    link(master.base(), 50);
    await().atMost(WAIT).until(() -> tasks.registered.equals(List.of("old-S7")));
    assertThat(master.subscribeCalls().get(0).agentId()).contains("old-S7");
  }

  @Test void dispatchesEventsInStreamOrder() throws Exception {
    link(master.base(), 50);
    await().atMost(WAIT).until(() -> tasks.registered.size() == 1);
    ObjectNode taskInfo = JsonNodeFactory.instance.objectNode();
    taskInfo.putObject("task_id").put("value", "t1");
    master.send(new AgentEvent.Launch("f1", JsonNodeFactory.instance.objectNode().put("name", "fw"), taskInfo, "*"));
    master.send(new AgentEvent.Kill("f1", "t1", 3_000));
    master.send(new AgentEvent.Acknowledged("f1", "t1", "dXVpZA=="));
    master.send(new AgentEvent.ShutdownFramework("f1"));

    await().atMost(WAIT).until(() -> tasks.calls.contains("shutdownFramework:f1"));
    assertThat(tasks.calls).containsExactly("registered:m1-S0", "masterChanged", "launch:t1", "kill:t1",
        "acknowledged:dXVpZA==", "shutdownFramework:f1");
    assertThat(((AgentEvent.Kill) tasks.events.get(1)).gracePeriodMs()).isEqualTo(3_000);
  }

  @Test void resubscribesWithItsIdWhenTheStreamEnds() throws Exception {
    link(master.base(), 50);
    await().atMost(WAIT).until(() -> tasks.registered.size() == 1);
    master.endStream();
    await().atMost(WAIT).until(() -> tasks.registered.size() == 2);
    assertThat(master.subscribeCalls().get(1).agentId()).contains("m1-S0");
    assertThat(tasks.registered).containsExactly("m1-S0", "m1-S0");
    assertThat(tasks.masterChanges.get()).isEqualTo(2);
  }

  @Test void followsAProtocolRelativeRedirect() throws Exception {
    TestMaster leader = closing(TestMaster.start("leader"));
    master.answerNext(new TestMaster.Redirect("//127.0.0.1:" + leader.port() + "/api/v1/agent"));
    MasterLink link = link(master.base(), 50);

    await().atMost(WAIT).until(() -> tasks.registered.equals(List.of("leader-S0")));
    assertThat(master.subscriptions).hasSize(1);
    assertThat(leader.subscriptions).hasSize(1);
    assertThat(link.master()).contains(URI.create(leader.base() + "/"));
    await().atMost(WAIT).until(() -> !leader.heartbeats.isEmpty());
    assertThat(master.heartbeats).isEmpty();
  }

  @Test void retriesOn503WithDoublingBackoff() throws Exception {
    master.answerNext(new TestMaster.Unavailable());
    master.answerNext(new TestMaster.Unavailable());
    link(master.base(), 200);

    await().atMost(WAIT).until(() -> tasks.registered.size() == 1);
    assertThat(master.subscriptions).hasSize(3);
    long firstGapMs = gapMs(0, 1);
    long secondGapMs = gapMs(1, 2);
    // Bounds 200 then 400 ms; each delay is drawn from [bound/2, bound].
    assertThat(firstGapMs).isGreaterThanOrEqualTo(100);
    assertThat(secondGapMs).isGreaterThanOrEqualTo(200);
  }

  private long gapMs(int from, int to) {
    return TimeUnit.NANOSECONDS.toMillis(master.subscriptions.get(to).atNanos() - master.subscriptions.get(from).atNanos());
  }

  @Test void resubscribesWhenPingsStop() throws Exception {
    master.pingTimeoutMs = 300;
    link(master.base(), 50);
    await().atMost(WAIT).until(() -> tasks.registered.size() == 1);
    master.pinging = false;
    master.heartbeatIntervalMs = 60_000; // nothing else keeps the second stream busy either
    // The silent stream is dropped after the 300 ms ping timeout and the agent re-registers with its id.
    await().atMost(WAIT).until(() -> tasks.registered.size() == 2);
    assertThat(master.subscriptions).hasSize(2);
    assertThat(master.subscribeCalls().get(1).agentId()).contains("m1-S0");
  }

  @Test void keepsTheStreamWhilePingsArrive() throws Exception {
    master.pingTimeoutMs = 300;
    master.pingEveryMs = 50;
    link(master.base(), 50);
    await().atMost(WAIT).until(() -> tasks.registered.size() == 1);
    // For several ping timeouts, pings keep the one stream alive.
    await().during(Duration.ofMillis(1_500)).atMost(WAIT)
        .until(() -> master.subscriptions.size() == 1 && master.openStreams.get() == 1);
    assertThat(master.subscriptions).hasSize(1);
    assertThat(master.openStreams.get()).isEqualTo(1);
  }

  @Test void postsUpdatesOnceSubscribed() throws Exception {
    MasterLink link = link(master.base(), 50);
    AgentCall.Update update = new AgentCall.Update("m1-S0", "f1", "t1", "TASK_RUNNING", "SOURCE_EXECUTOR",
        Optional.empty(), Optional.of("running"), "dXVpZA==", Optional.of(true), 1_700_000_000_000L,
        Optional.empty());
    await().atMost(WAIT).until(() -> link.master().isPresent());
    link.send(update);
    await().atMost(WAIT).until(() -> master.updates.size() == 1);
    assertThat(master.updates.get(0)).isEqualTo(update);
  }

  @Test void dropsUpdatesWhileNotSubscribed() throws Exception {
    master.answerNext(new TestMaster.Unavailable());
    MasterLink link = link(master.base(), 2_000);
    await().atMost(WAIT).until(() -> master.subscriptions.size() == 1);
    link.send(new AgentCall.Update("a", "f1", "t1", "TASK_RUNNING", "SOURCE_EXECUTOR", Optional.empty(),
        Optional.empty(), "dXVpZA==", Optional.empty(), 1L, Optional.empty()));
    assertThat(link.master()).isEmpty();
    await().atMost(WAIT).until(() -> tasks.registered.size() == 1);
    assertThat(master.updates).isEmpty();
  }

  @Test void exitsNonZeroWhenTheMasterOrdersAShutdown() throws Exception {
    link(master.base(), 50);
    await().atMost(WAIT).until(() -> tasks.registered.size() == 1);
    master.send(new AgentEvent.Error("agent m1-S0 was removed; shut down and clear the work dir"));
    await().atMost(WAIT).until(() -> exits.size() == 1);
    assertThat(exits.get(0)).startsWith("1:").contains("shut down and clear the work dir");
    assertThat(master.subscriptions).hasSize(1);
  }

  @Test void resubscribesAfterAnErrorThatIsNoShutdown() throws Exception {
    link(master.base(), 50);
    await().atMost(WAIT).until(() -> tasks.registered.size() == 1);
    master.send(new AgentEvent.Error("recovering; try again"));
    master.endStream();
    await().atMost(WAIT).until(() -> tasks.registered.size() == 2);
    assertThat(exits).isEmpty();
  }

  @Test void closeStopsTheStream() throws Exception {
    MasterLink link = link(master.base(), 50);
    await().atMost(WAIT).until(() -> master.openStreams.get() == 1);
    link.close();
    await().atMost(WAIT).until(() -> master.openStreams.get() == 0);
    assertThat(link.master()).isEmpty();
    assertThat(master.subscriptions).hasSize(1);
  }

  @Test void redirectTargets() {
    URI from = URI.create("http://10.0.0.1:5050/api/v1/agent");
    assertThat(MasterLink.redirectTarget(from, "//10.0.0.2:5050/api/v1/agent"))
        .isEqualTo(URI.create("http://10.0.0.2:5050/api/v1/agent"));
    assertThat(MasterLink.redirectTarget(from, "//10.0.0.2:5050"))
        .isEqualTo(URI.create("http://10.0.0.2:5050/api/v1/agent"));
    assertThat(MasterLink.redirectTarget(from, "http://h:1/api/v1/agent")).isEqualTo(URI.create("http://h:1/api/v1/agent"));
    assertThat(MasterLink.redirectTarget(from, "/api/v1/agent")).isEqualTo(from);
  }
}
