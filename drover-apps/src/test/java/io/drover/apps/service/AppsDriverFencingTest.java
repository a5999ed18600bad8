package io.drover.apps.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.drover.apps.api.events.EventBus;
import io.drover.apps.core.CoreCommand;
import io.drover.apps.core.CoreConfig;
import io.drover.apps.core.CoreViews;
import io.drover.apps.ha.Leadership;
import io.drover.apps.model.AppJson;
import io.drover.apps.model.PathId;
import io.drover.apps.model.Timestamp;
import io.drover.apps.store.StoreLimits;
import io.drover.apps.store.ZkValueStore;
import io.drover.common.random.Rng;
import io.drover.common.time.Clock;
import io.drover.master.TestServers;
import io.drover.master.api.v1.Event;
import io.drover.master.api.v1.FrameworkID;
import io.drover.master.api.v1.Offer;
import io.drover.master.api.v1.TaskStatus;
import io.drover.master.ha.ZkClients;
import io.drover.master.ha.ZkUrl;
import io.drover.scheduler.client.Scheduler;
import io.drover.scheduler.client.SchedulerClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A driver whose store refuses writes (this instance is not the leader, as after losing the latch): the first
 * command that must store something fails its caller with "not the leader" and the driver gives up leadership
 * instead of going on with state it could not store.
 */
final class AppsDriverFencingTest {
  @TempDir Path dir;

  @Test
  void aFencedStoreWriteAbdicatesAndFailsTheCaller() throws Exception {
    try (TestServers.Running coord = TestServers.COORD.start(dir);
        CuratorFramework curator = ZkClients.newClient(ZkUrl.parse("zk://" + coord.connectString() + "/drover/apps"),
            Duration.ofSeconds(5))) {
      curator.start();
      assertThat(curator.blockUntilConnected(10, TimeUnit.SECONDS)).isTrue();
      AppsStore store = AppsStore.open(new ZkValueStore(curator, Optional::empty, StoreLimits.DEFAULTS),
          "/drover/apps");
      AppsConfig config = AppsConfig.builder(ZkUrl.parse("zk://" + coord.connectString() + "/drover/apps"),
          "http://127.0.0.1:1").hostname("127.0.0.1").build();
      List<String> abdications = new CopyOnWriteArrayList<>();
      StubRuntime runtime = new StubRuntime(config, store, abdications);
      // Never started: every call fails at once with NotSubscribed (logged by the driver), nothing leaves.
      SchedulerClient client = SchedulerClient.builder().master("http://127.0.0.1:1")
          .frameworkInfo(LeaderTerm.frameworkInfo(config, null, 0)).scheduler(new NoScheduler()).build();
      AppsDriver driver = new AppsDriver(runtime, CoreConfig.defaults(), Rng.seeded(1));
      try {
        driver.subscribed(client, new FrameworkID("fw-1"), false);
        await().atMost(Duration.ofSeconds(20)).until(driver::isReady);
        assertThat(driver.read(v -> v.frameworkId()).get(10, TimeUnit.SECONDS)).contains("fw-1");

        var app = AppJson.parse("{\"id\": \"/a\", \"cmd\": \"sleep 1\"}", PathId.ROOT).orThrow();
        Timestamp v = Timestamp.ofEpochMs(1_000_000);
        var reply = driver.submit(views -> new AppsBackend.Run(new CoreCommand.ApplyRootGroup(
            views.rootGroup().putApp(app, v), false, "d-1", v)));
        assertThatThrownBy(() -> reply.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
            .hasCauseInstanceOf(IllegalStateException.class).hasMessageContaining("not the leader");
        // The caller learns first; the driver then stops and gives up leadership on its own thread.
        await().atMost(Duration.ofSeconds(10)).until(() -> !abdications.isEmpty() && !driver.isReady());
        assertThat(abdications).singleElement().asString().contains("store write failed");
        assertThatThrownBy(() -> driver.read(CoreViews::rootGroup).get(10, TimeUnit.SECONDS))
            .hasCauseInstanceOf(IllegalStateException.class).hasMessageContaining("not the leader");
      } finally {
        driver.stopped();
        client.close();
      }
    }
  }

  private record StubRuntime(AppsConfig config, AppsStore store, List<String> abdications) implements AppsRuntime {
    private static final EventBus BUS = new EventBus();
    private static final MeterRegistry METERS = new SimpleMeterRegistry();

    @Override public EventBus eventBus() { return BUS; }

    @Override public Leadership leadership() {
      return new Leadership() {
        @Override public boolean isLeader() { return true; }

        @Override public Optional<String> leaderHostPort() { return Optional.of("127.0.0.1:0"); }
      };
    }

    @Override public Optional<SchedulerClient> schedulerClient() { return Optional.empty(); }

    @Override public MeterRegistry meterRegistry() { return METERS; }

    @Override public Clock clock() { return Clock.system(); }

    @Override public void abdicate(String cause) { abdications.add(cause); }
  }

  private static final class NoScheduler implements Scheduler {
    @Override public void subscribed(SchedulerClient client, Event.Subscribed subscribed) {}

    @Override public void offers(SchedulerClient client, List<Offer> offers) {}

    @Override public void update(SchedulerClient client, TaskStatus status) {}
  }
}
