package io.drover.scheduler.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.drover.common.mesos.TaskState;
import io.drover.common.mesos.TaskStatusSource;
import io.drover.common.random.Rng;
import io.drover.master.api.v1.AgentID;
import io.drover.master.api.v1.Bytes;
import io.drover.master.api.v1.Call;
import io.drover.master.api.v1.CommandInfo;
import io.drover.master.api.v1.DurationInfo;
import io.drover.master.api.v1.Event;
import io.drover.master.api.v1.ExecutorID;
import io.drover.master.api.v1.Filters;
import io.drover.master.api.v1.FrameworkID;
import io.drover.master.api.v1.FrameworkInfo;
import io.drover.master.api.v1.KillPolicy;
import io.drover.master.api.v1.Offer;
import io.drover.master.api.v1.OfferID;
import io.drover.master.api.v1.Resource;
import io.drover.master.api.v1.TaskID;
import io.drover.master.api.v1.TaskInfo;
import io.drover.master.api.v1.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class SchedulerClientTest {
  static final FrameworkInfo INFO = new FrameworkInfo("root", "test-fw", null, 60.0, true, null, List.of("*"), null,
      null, null, List.of(new FrameworkInfo.Capability(FrameworkInfo.CapabilityType.MULTI_ROLE)), null, null);
  static final Backoff FAST = new Backoff(Duration.ofMillis(20), Duration.ofMillis(100), 2.0);

  private final List<AutoCloseable> resources = new ArrayList<>();
  private final Recorder recorder = new Recorder();

  @AfterEach void closeAll() throws Exception {
    for (AutoCloseable c : resources.reversed()) c.close();
  }

  private FakeMaster master(String name) {
    FakeMaster m = new FakeMaster(name);
    resources.add(m);
    return m;
  }

  private SchedulerClient client(String master, SchedulerClientBuilder extra) {
    SchedulerClient c = extra.master(master).frameworkInfo(INFO).scheduler(recorder).rng(Rng.seeded(7)).build();
    resources.add(c);
    c.start();
    return c;
  }

  private SchedulerClient client(String master) { return client(master, SchedulerClient.builder().backoff(FAST)); }

  private SchedulerClient subscribedClient(FakeMaster m) {
    SchedulerClient c = client(m.url());
    await().until(c::isSubscribed);
    return c;
  }

  static TaskStatus status(String task, TaskState state, Bytes uuid) {
    return new TaskStatus(new TaskID(task), state, null, TaskStatusSource.SOURCE_EXECUTOR, null, null,
        new AgentID("m-S1"), null, 1.7e9, uuid, null, null, null, null, null, null);
  }

  @Test void subscribesWithJsonHeadersAndDeliversEventsSplitAcrossChunksInOrder() {
    FakeMaster m = master("m");
    SchedulerClient c = subscribedClient(m);

    FakeMaster.Received sub = m.subscribes.getFirst();
    assertThat(sub.contentType()).isEqualTo("application/json");
    assertThat(sub.accept()).isEqualTo("application/json");
    assertThat(sub.streamId()).isNull();
    assertThat(sub.body()).isEqualTo("{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{\"user\":\"root\","
        + "\"name\":\"test-fw\",\"failover_timeout\":60.0,\"checkpoint\":true,\"roles\":[\"*\"],"
        + "\"capabilities\":[{\"type\":\"MULTI_ROLE\"}]}}}");
    assertThat(c.frameworkId()).contains(new FrameworkID("m-0000"));
    assertThat(c.masterEndpoint().orElseThrow().toString()).isEqualTo(m.url() + "/api/v1/scheduler");

    Offer offer = new Offer(new OfferID("m-O1"), new FrameworkID("m-0000"), new AgentID("m-S1"), "agent1", null, null,
        List.of(Resource.scalar("cpus", 2)), List.of(), null, null, null);
    FakeMaster.Stream s = m.lastStream();
    s.sendSplit(Event.offers(List.of(offer)));
    s.sendTwoJoined(Event.heartbeat(), Event.rescind(new OfferID("m-O1")));
    s.sendSplit(Event.update(status("t1", TaskState.TASK_RUNNING, null)));
    await().until(() -> recorder.log.size() >= 5);
    assertThat(recorder.log).containsExactly("subscribed m-0000", "offers 1", "heartbeat", "rescind m-O1",
        "update t1 TASK_RUNNING");
    assertThat(recorder.offers.getFirst()).isEqualTo(offer);
  }

  @Test void callsCarryTheStreamIdAndExactJson() throws Exception {
    FakeMaster m = master("m");
    SchedulerClient c = subscribedClient(m);
    String fw = "{\"framework_id\":{\"value\":\"m-0000\"},";
    TaskInfo task = new TaskInfo("sleep-1", new TaskID("sleep-1"), new AgentID("m-S3"),
        List.of(Resource.scalar("cpus", 0.5), Resource.scalar("mem", 32)), null,
        new CommandInfo(null, null, true, "sleep 10", null, null), null, null, null,
        new KillPolicy(new DurationInfo(10_000_000_000L)), null, null, null, null, null);

    c.launch(new OfferID("m-O12"), List.of(task), new Filters(5.0)).get(10, TimeUnit.SECONDS);
    c.decline(List.of(new OfferID("m-O13")), new Filters(30.0)).get(10, TimeUnit.SECONDS);
    c.reconcile(List.of(new Call.ReconcileTask(new TaskID("sleep-1"), new AgentID("m-S3")))).get(10, TimeUnit.SECONDS);
    c.reconcile(List.of()).get(10, TimeUnit.SECONDS);
    c.acknowledge(new AgentID("m-S3"), new TaskID("sleep-1"), Bytes.utf8("bogus-uuid-16b")).get(10, TimeUnit.SECONDS);
    c.kill(new TaskID("sleep-1"), new AgentID("m-S3"), new KillPolicy(new DurationInfo(1_000_000_000L)))
        .get(10, TimeUnit.SECONDS);
    c.revive(List.of("web")).get(10, TimeUnit.SECONDS);
    c.suppress(List.of()).get(10, TimeUnit.SECONDS);
    c.shutdown(new ExecutorID("e1"), new AgentID("m-S3")).get(10, TimeUnit.SECONDS);
    c.message(new AgentID("m-S3"), new ExecutorID("e1"), Bytes.utf8("hi")).get(10, TimeUnit.SECONDS);

    assertThat(m.calls).allSatisfy(r -> {
      assertThat(r.streamId()).isEqualTo(m.lastStream().id);
      assertThat(r.contentType()).isEqualTo("application/json");
    });
    assertThat(m.calls.stream().map(FakeMaster.Received::body)).containsExactly(
        fw + "\"type\":\"ACCEPT\",\"accept\":{\"offer_ids\":[{\"value\":\"m-O12\"}],\"operations\":[{\"type\":\"LAUNCH\","
            + "\"launch\":{\"task_infos\":[{\"name\":\"sleep-1\",\"task_id\":{\"value\":\"sleep-1\"},"
            + "\"agent_id\":{\"value\":\"m-S3\"},\"resources\":[{\"name\":\"cpus\",\"type\":\"SCALAR\","
            + "\"scalar\":{\"value\":0.5}},{\"name\":\"mem\",\"type\":\"SCALAR\",\"scalar\":{\"value\":32.0}}],"
            + "\"command\":{\"shell\":true,\"value\":\"sleep 10\"},"
            + "\"kill_policy\":{\"grace_period\":{\"nanoseconds\":10000000000}}}]}}],"
            + "\"filters\":{\"refuse_seconds\":5.0}}}",
        fw + "\"type\":\"DECLINE\",\"decline\":{\"offer_ids\":[{\"value\":\"m-O13\"}],\"filters\":{\"refuse_seconds\":30.0}}}",
        fw + "\"type\":\"RECONCILE\",\"reconcile\":{\"tasks\":[{\"task_id\":{\"value\":\"sleep-1\"},"
            + "\"agent_id\":{\"value\":\"m-S3\"}}]}}",
        fw + "\"type\":\"RECONCILE\",\"reconcile\":{\"tasks\":[]}}",
        fw + "\"type\":\"ACKNOWLEDGE\",\"acknowledge\":{\"agent_id\":{\"value\":\"m-S3\"},"
            + "\"task_id\":{\"value\":\"sleep-1\"},\"uuid\":\"Ym9ndXMtdXVpZC0xNmI=\"}}",
        fw + "\"type\":\"KILL\",\"kill\":{\"task_id\":{\"value\":\"sleep-1\"},\"agent_id\":{\"value\":\"m-S3\"},"
            + "\"kill_policy\":{\"grace_period\":{\"nanoseconds\":1000000000}}}}",
        fw + "\"type\":\"REVIVE\",\"revive\":{\"roles\":[\"web\"]}}",
        fw + "\"type\":\"SUPPRESS\",\"suppress\":{}}",
        fw + "\"type\":\"SHUTDOWN\",\"shutdown\":{\"executor_id\":{\"value\":\"e1\"},\"agent_id\":{\"value\":\"m-S3\"}}}",
        fw + "\"type\":\"MESSAGE\",\"message\":{\"agent_id\":{\"value\":\"m-S3\"},\"executor_id\":{\"value\":\"e1\"},"
            + "\"data\":\"aGk=\"}}");
  }

  @Test void aRejectedCallFailsWithStatusAndBody() {
    FakeMaster m = master("m");
    SchedulerClient c = subscribedClient(m);
    m.callReplies.add(new FakeMaster.Reply(400, "Failed to validate scheduler::Call: Expecting 'accept' to be present"));
    m.callReplies.add(new FakeMaster.Reply(403, "Framework is not subscribed"));

    CompletableFuture<Void> first = c.decline(List.of(new OfferID("o")), null);
    assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOfSatisfying(SchedulerCallException.Rejected.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.body()).contains("Expecting 'accept'");
          assertThat(e.callType()).isEqualTo(Call.Type.DECLINE);
        });
    CompletableFuture<Void> second = c.revive(List.of()); // sequential: the fake's replies are a queue
    assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS)).cause()
        .isInstanceOfSatisfying(SchedulerCallException.Rejected.class, e -> assertThat(e.status()).isEqualTo(403));
  }

  @Test void aBurstBeyondTheCallsInFlightWaitsInsteadOfFailing() throws Exception {
    FakeMaster m = master("m");
    SchedulerClient c = client(m.url(), SchedulerClient.builder().backoff(FAST).maxCallsInFlight(2).maxCallsQueued(300));
    await().until(c::isSubscribed);
    List<CompletableFuture<Void>> acks = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      acks.add(c.acknowledge(new AgentID("m-S1"), new TaskID("t-" + i), Bytes.utf8("uuid-" + i)));
    }
    CompletableFuture<Void> refused = c.acknowledge(new AgentID("m-S1"), new TaskID("one-too-many"), Bytes.utf8("u"));
    CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    List<FakeMaster.Received> burst = m.calls.stream().filter(r -> r.body().contains("\"t-")).toList();
    assertThat(burst).hasSize(300);
    // Each call reaches the master exactly once (the order they start in is CallQueueTest's; two run at a time, so
    // the wire may reorder them).
    List<Integer> order = burst.stream().map(r -> Integer.parseInt(r.body().replaceAll(".*\"t-(\\d+)\".*", "$1")))
        .toList();
    assertThat(order).containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, 300).boxed().toList());
    // Beyond in-flight plus queued, a call is refused at once (unless the first ones were already answered).
    if (refused.isCompletedExceptionally()) {
      assertThatThrownBy(refused::join).cause().isInstanceOf(SchedulerCallException.TooManyCalls.class)
          .hasMessageContaining("302 calls are already in flight or queued");
    } else {
      refused.get(10, TimeUnit.SECONDS);
    }
  }

  @Test void callsFailFastWhenNotSubscribed() {
    FakeMaster m = master("m");
    m.subscribeReplies.add(new FakeMaster.Reply(503, "No leader"));
    SchedulerClient c = SchedulerClient.builder().master(m.url()).frameworkInfo(INFO).scheduler(recorder).build();
    resources.add(c);
    assertThat(c.kill(new TaskID("t"), null, null)).isCompletedExceptionally();
    assertThatThrownBy(() -> c.teardown().join()).cause().isInstanceOf(SchedulerCallException.NotSubscribed.class);
    assertThat(m.calls).isEmpty();
  }

  @Test void aDroppedStreamResubscribesWithTheFrameworkIdAndANewStreamId() throws Exception {
    FakeMaster m = master("m");
    SchedulerClient c = subscribedClient(m);
    String firstStream = m.lastStream().id;
    m.lastStream().end();

    await().until(() -> m.subscribes.size() == 2 && c.isSubscribed() && recorder.subscribed.size() == 2);
    assertThat(recorder.log).containsExactly("subscribed m-0000", "disconnected", "subscribed m-0000");
    assertThat(recorder.disconnects.getFirst()).contains("closed the event stream");
    Call resub = m.subscribes.get(1).call();
    assertThat(m.subscribes.get(1).body()).startsWith("{\"framework_id\":{\"value\":\"m-0000\"},\"type\":\"SUBSCRIBE\"");
    assertThat(resub.subscribe().frameworkInfo().id()).isEqualTo(new FrameworkID("m-0000"));

    c.revive(List.of()).get(10, TimeUnit.SECONDS);
    assertThat(m.calls.getLast().streamId()).isEqualTo(m.lastStream().id).isNotEqualTo(firstStream);
  }

  @Test void followsA307WithAProtocolRelativeLocation() throws Exception {
    FakeMaster leader = master("leader");
    FakeMaster follower = master("follower");
    follower.redirectLocation = "//127.0.0.1:" + leader.port() + "/api/v1/scheduler";
    SchedulerClient c = client(follower.url());

    await().until(c::isSubscribed);
    assertThat(follower.subscribes).hasSize(1);
    assertThat(leader.subscribes).hasSize(1);
    assertThat(c.masterEndpoint().orElseThrow().toString()).isEqualTo(leader.url() + "/api/v1/scheduler");
    c.suppress(List.of()).get(10, TimeUnit.SECONDS);
    assertThat(leader.calls).hasSize(1);
    assertThat(follower.calls).isEmpty();
  }

  @Test void backsOffExponentiallyOn503ThenSubscribes() {
    FakeMaster m = master("m");
    m.subscribeReplies.add(new FakeMaster.Reply(503, "Master is recovering"));
    m.subscribeReplies.add(new FakeMaster.Reply(503, "Master is recovering"));
    m.subscribeReplies.add(new FakeMaster.Reply(503, "Master is recovering"));
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(400), 2.0);
    SchedulerClient c = client(m.url(), SchedulerClient.builder().backoff(backoff));

    await().atMost(Duration.ofSeconds(10)).until(c::isSubscribed);
    assertThat(m.subscribes).hasSize(4);
    for (int attempt = 0; attempt < 3; attempt++) {
      long gapMs = TimeUnit.NANOSECONDS.toMillis(m.subscribes.get(attempt + 1).nanos() - m.subscribes.get(attempt).nanos());
      assertThat(gapMs).as("gap after attempt %d", attempt).isGreaterThanOrEqualTo(backoff.ceilingMs(attempt) / 2);
    }
    assertThat(recorder.disconnects).isEmpty(); // never subscribed before, so nothing to report as lost
  }

  @Test void missingHeartbeatsMakeTheClientReconnect() {
    FakeMaster m = master("m");
    m.heartbeatSeconds = 0.1;
    SchedulerClient c = client(m.url(), SchedulerClient.builder().backoff(FAST).heartbeatMisses(3));

    await().atMost(Duration.ofSeconds(10)).until(() -> m.subscribes.size() >= 2);
    assertThat(recorder.disconnects.getFirst()).contains("3 heartbeat intervals");
    assertThat(m.subscribes.get(1).call().frameworkId()).isEqualTo(new FrameworkID("m-0000"));
  }

  @Test void heartbeatsKeepTheStreamAlive() {
    FakeMaster m = master("m");
    m.heartbeatSeconds = 0.1;
    SchedulerClient c = client(m.url(), SchedulerClient.builder().backoff(FAST).heartbeatMisses(3));
    await().until(c::isSubscribed);
    FakeMaster.Stream s = m.lastStream();
    for (int i = 0; i < 10; i++) {
      s.send(Event.heartbeat());
      int expected = i + 1;
      await().until(() -> recorder.log.stream().filter("heartbeat"::equals).count() == expected);
      await().pollDelay(Duration.ofMillis(100)).until(() -> true);
    }
    assertThat(m.subscribes).hasSize(1);
  }

  @Test void autoAcknowledgesOnlyUpdatesWithAUuidAfterTheCallback() {
    FakeMaster m = master("m");
    subscribedClient(m);
    List<Integer> acksSeenDuringCallback = new ArrayList<>();
    recorder.onUpdate = (c, s) -> acksSeenDuringCallback.add(m.callsOf(Call.Type.ACKNOWLEDGE).size());
    Bytes uuid = Bytes.utf8("0123456789abcdef");
    m.lastStream().send(Event.update(status("t1", TaskState.TASK_RUNNING, uuid)));
    m.lastStream().send(Event.update(status("t2", TaskState.TASK_LOST, null))); // master-generated: no uuid
    m.lastStream().send(Event.update(status("t3", TaskState.TASK_FINISHED, Bytes.utf8("fedcba9876543210"))));

    await().until(() -> m.callsOf(Call.Type.ACKNOWLEDGE).size() == 2 && recorder.updates.size() == 3);
    assertThat(m.callsOf(Call.Type.ACKNOWLEDGE).stream().map(r -> r.call().acknowledge().taskId().value()))
        .containsExactlyInAnyOrder("t1", "t3");
    assertThat(m.callsOf(Call.Type.ACKNOWLEDGE)).anySatisfy(
        r -> assertThat(r.body()).contains("\"uuid\":\"" + uuid.base64() + "\""));
    assertThat(acksSeenDuringCallback.getFirst()).isZero(); // t1 not acknowledged before its callback ran
  }

  @Test void anAsyncUpdateIsAcknowledgedWhenItCompletesAndLaterEventsFlowMeanwhile() {
    FakeMaster m = master("m");
    subscribedClient(m);
    Map<String, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();
    recorder.asyncUpdate = s -> pending.computeIfAbsent(s.taskId().value(), k -> new CompletableFuture<>());
    m.lastStream().send(Event.update(status("t1", TaskState.TASK_RUNNING, Bytes.utf8("0123456789abcdef"))));
    m.lastStream().send(Event.update(status("t2", TaskState.TASK_RUNNING, Bytes.utf8("fedcba9876543210"))));
    await().until(() -> recorder.updates.size() == 2); // t2 delivered while t1 is still being handled
    assertThat(m.callsOf(Call.Type.ACKNOWLEDGE)).isEmpty();

    pending.get("t2").complete(null);
    await().until(() -> m.callsOf(Call.Type.ACKNOWLEDGE).size() == 1);
    assertThat(m.callsOf(Call.Type.ACKNOWLEDGE).getFirst().call().acknowledge().taskId().value()).isEqualTo("t2");
    pending.get("t1").completeExceptionally(new IllegalStateException("not stored"));
    m.lastStream().send(Event.heartbeat());
    await().until(() -> recorder.log.contains("heartbeat"));
    assertThat(m.callsOf(Call.Type.ACKNOWLEDGE)).as("a failed update is not acknowledged").hasSize(1);
  }

  @Test void withAutoAcknowledgeOffNothingIsAcknowledged() {
    FakeMaster m = master("m");
    SchedulerClient c = client(m.url(), SchedulerClient.builder().backoff(FAST).autoAcknowledge(false));
    await().until(c::isSubscribed);
    m.lastStream().send(Event.update(status("t1", TaskState.TASK_RUNNING, Bytes.utf8("u1"))));
    m.lastStream().send(Event.heartbeat());
    await().until(() -> recorder.log.contains("heartbeat"));
    assertThat(m.callsOf(Call.Type.ACKNOWLEDGE)).isEmpty();
  }

  @Test void aThrowingCallbackIsNotAcknowledgedAndTheStreamGoesOn() {
    FakeMaster m = master("m");
    subscribedClient(m);
    recorder.onUpdate = (c, s) -> {
      throw new IllegalStateException("scheduler bug");
    };
    m.lastStream().send(Event.update(status("t1", TaskState.TASK_RUNNING, Bytes.utf8("u1"))));
    m.lastStream().send(Event.heartbeat());
    await().until(() -> recorder.log.contains("heartbeat"));
    assertThat(m.callsOf(Call.Type.ACKNOWLEDGE)).isEmpty();
  }

  @Test void anErrorIsDeliveredThenTheClientReconnects() {
    FakeMaster m = master("m");
    SchedulerClient c = subscribedClient(m);
    m.lastStream().send(Event.error("Role 'x' is not present in the master's --roles"));
    await().until(() -> m.subscribes.size() == 2 && c.isSubscribed());
    assertThat(recorder.errors).containsExactly("Role 'x' is not present in the master's --roles");
    assertThat(c.terminated()).isNotDone();
  }

  @Test void frameworkRemovedStopsTheClient() throws Exception {
    FakeMaster m = master("m");
    SchedulerClient c = subscribedClient(m);
    m.lastStream().send(Event.error("Framework has been removed"));
    Termination t = c.terminated().get(10, TimeUnit.SECONDS);
    assertThat(t).isEqualTo(new Termination.Removed("Framework has been removed"));
    assertThat(recorder.errors).containsExactly("Framework has been removed");
    assertThat(c.isSubscribed()).isFalse();
    assertThat(m.subscribes).hasSize(1);
  }

  @Test void anAcceptedTeardownStopsTheClientWhenTheStreamEnds() throws Exception {
    FakeMaster m = master("m");
    SchedulerClient c = subscribedClient(m);
    c.teardown().get(10, TimeUnit.SECONDS);
    m.lastStream().end();
    assertThat(c.terminated().get(10, TimeUnit.SECONDS)).isInstanceOf(Termination.Removed.class);
    assertThat(m.subscribes).hasSize(1);
    assertThat(m.calls.getFirst().body()).isEqualTo("{\"framework_id\":{\"value\":\"m-0000\"},\"type\":\"TEARDOWN\"}");
  }

  @Test void closeFromACallbackStopsEverything() throws Exception {
    FakeMaster m = master("m");
    recorder.onUpdate = (c, s) -> c.close();
    SchedulerClient c = subscribedClient(m);
    m.lastStream().send(Event.update(status("t1", TaskState.TASK_FINISHED, null)));
    assertThat(c.terminated().get(10, TimeUnit.SECONDS)).isEqualTo(new Termination.Closed());
    assertThat(c.isSubscribed()).isFalse();
    assertThat(c.revive(List.of())).isCompletedExceptionally();
    assertThat(m.subscribes).hasSize(1);
  }

  @Test void rejectsABadMasterUrlWithAnExplanation() {
    assertThatThrownBy(() -> SchedulerClient.builder().master("localhost:5050").frameworkInfo(INFO).scheduler(recorder)
        .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zk://host:port");
    assertThatThrownBy(() -> SchedulerClient.builder().master("http://127.0.0.1:5050").scheduler(recorder).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("frameworkInfo");
  }
}
