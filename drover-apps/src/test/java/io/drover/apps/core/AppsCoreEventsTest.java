package io.drover.apps.core;

import static io.drover.apps.core.AppsCoreTest.app;
import static io.drover.apps.core.AppsCoreTest.events;
import static io.drover.apps.core.AppsCoreTest.of;
import static io.drover.apps.core.AppsCoreTest.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.apps.model.AppDefinition;
import io.drover.apps.model.Group;
import io.drover.apps.model.HealthCheck;
import io.drover.apps.model.PathId;
import io.drover.apps.model.Timestamp;
import io.drover.common.random.Rng;
import io.drover.common.time.ManualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The core's answers beyond deployments proper: {@code --max_running_deployments}, group change and health check
 * events, the persisted {@code lastTaskFailure}, and one deployment for a kill-and-scale across apps.
 */
final class AppsCoreEventsTest {
  final AppsCoreTest t = new AppsCoreTest();

  List<JsonNode> published(List<CoreEffect> effects, String type) {
    return of(effects, CoreEffect.Publish.class).stream().filter(p -> p.eventType().equals(type))
        .map(CoreEffect.Publish::event).toList();
  }

  @Test
  void changesBeyondMaxRunningDeploymentsAre403AndPublishGroupChangeFailed() {
    t.core = new AppsCore(CoreConfig.defaults().withMaxRunningDeployments(1), t.clock, Rng.seeded(3),
        Group.emptyRoot(Timestamp.ofEpochMs(AppsCoreTest.T0)));
    t.run(new CoreCommand.Subscribed("fw"));
    assertThat(t.deploy(app("/a", 1), false, "d1").getLast()).isInstanceOf(CoreEffect.Accepted.class);

    List<CoreEffect> refused = t.deploy(app("/b", 1), true, "d2");
    assertThat(refused.getLast()).isEqualTo(new CoreEffect.Forbidden(AppsCore.tooManyDeployments(1)));
    assertThat(((CoreEffect.Forbidden) refused.getLast()).message())
        .startsWith("Max number (1) of running deployments is achieved.");
    JsonNode failed = published(refused, "group_change_failed").getFirst();
    assertThat(failed.path("groupId").asText()).isEqualTo("/");
    assertThat(failed.path("reason").asText()).startsWith("Max number (1)");
    assertThat(failed.path("version").asText()).isNotEmpty();
    assertThat(t.core.root.app(PathId.of("/b"))).isEmpty();
    assertThat(t.core.deployments).containsOnlyKeys("d1");
  }

  @Test
  void aLockedChangePublishesGroupChangeFailedWithTheReason() {
    t.run(new CoreCommand.Subscribed("fw"));
    t.deploy(app("/a", 1), false, "d1");
    List<CoreEffect> locked = t.deploy(app("/a", 2), false, "d2");
    assertThat(locked.getLast()).isInstanceOf(CoreEffect.Locked.class);
    assertThat(published(locked, "group_change_failed").getFirst().path("reason").asText())
        .startsWith("App is locked by one or more deployments.");
    assertThat(events(locked)).doesNotContain("group_change_success");
  }

  @Test
  void healthCheckEventsFollowTheVersionsThatHaveChecks() {
    t.run(new CoreCommand.Subscribed("fw"));
    AppDefinition web = AppsCoreTest.app("/web", 1).toBuilder().healthChecks(List.of(HealthCheck.http("/"))).build();
    List<CoreEffect> created = t.deploy(web, false, "d1");
    JsonNode added = published(created, "add_health_check_event").getFirst();
    assertThat(added.path("appId").asText()).isEqualTo("/web");
    assertThat(added.path("healthCheck").path("path").asText()).isEqualTo("/");
    String v1 = added.path("version").asText();

    List<CoreEffect> sink = new ArrayList<>();
    List<String> tasks = t.launchAll(sink);
    t.runAll(tasks, ",\"healthy\":true");
    List<CoreEffect> failing = t.runAll(tasks, ",\"healthy\":false");
    JsonNode failed = published(failing, "failed_health_check_event").getFirst();
    assertThat(failed.path("appId").asText()).isEqualTo("/web");
    assertThat(failed.path("instanceId").asText()).isEqualTo(t.core.tracker.of("/web").getFirst().id());
    assertThat(failed.path("healthCheck").path("protocol").asText()).isEqualTo("HTTP");
    assertThat(published(t.runAll(tasks, ",\"healthy\":true"), "failed_health_check_event")).isEmpty();

    // A restart activates the new version's checks; the old version's go when its last instance is gone.
    Timestamp v = t.tick();
    List<CoreEffect> restart = t.run(new CoreCommand.RestartApp(PathId.of("/web"), false, "d2", v));
    assertThat(published(restart, "add_health_check_event")).singleElement()
        .satisfies(e -> assertThat(e.path("version").asText()).isNotEqualTo(v1));
    List<CoreEffect> gone = t.run(new CoreCommand.StatusUpdate(status(tasks.getFirst(), "a", "TASK_KILLED", "")));
    assertThat(published(gone, "remove_health_check_event")).singleElement()
        .satisfies(e -> assertThat(e.path("appId").asText()).isEqualTo("/web"));
  }

  @Test
  void lastTaskFailureIsPersistedRecoveredAndForgottenWithTheApp() {
    t.run(new CoreCommand.Subscribed("fw"));
    t.deploy(app("/web", 1), false, "d1");
    List<String> tasks = t.launchAll(new ArrayList<>());
    List<CoreEffect> failed = t.run(new CoreCommand.StatusUpdate(status(tasks.getFirst(), "a", "TASK_FAILED",
        ",\"message\":\"exit 3\"")));
    CoreEffect.PersistTaskFailure stored = of(failed, CoreEffect.PersistTaskFailure.class).getFirst();
    assertThat(stored.failure().message()).isEqualTo("exit 3");
    assertThat(stored.failure().taskId()).isEqualTo(tasks.getFirst());

    AppsCore recovered = AppsCore.recover(CoreConfig.defaults(), t.clock, Rng.seeded(9), t.core.root, List.of(),
        List.of(), List.of(stored.failure(), new AppsCore.TaskFailure("/gone", "h", "m", "TASK_FAILED", "x", "t",
            "v", "a"))).core();
    CoreViews views = new CoreViews(recovered);
    assertThat(views.lastTaskFailure("/web")).contains(stored.failure());
    assertThat(views.lastTaskFailure("/gone")).isEmpty();

    Timestamp v = t.tick();
    List<CoreEffect> end = new ArrayList<>(
        t.run(new CoreCommand.ApplyRootGroup(t.core.root.removeApp(PathId.of("/web"), v), true, "d2", v)));
    for (TrackedInstance i : t.core.tracker.of("/web")) {
      end.addAll(t.run(new CoreCommand.StatusUpdate(status(i.instance().taskId().idString(), "a", "TASK_KILLED", ""))));
    }
    assertThat(end).contains(new CoreEffect.DeleteTaskFailure("/web"));
    assertThat(new CoreViews(t.core).lastTaskFailure("/web")).isEmpty();
  }

  @Test
  void killAndScaleAcrossAppsIsOneDeployment() {
    t.run(new CoreCommand.Subscribed("fw"));
    t.deploy(app("/a", 2), false, "d1");
    t.deploy(app("/b", 2), false, "d2");
    List<String> tasks = t.launchAll(new ArrayList<>());
    t.runAll(tasks, "");
    assertThat(t.core.deployments).isEmpty();
    String a = tasks.stream().filter(x -> x.startsWith("a.")).findFirst().orElseThrow();
    String b = tasks.stream().filter(x -> x.startsWith("b.")).findFirst().orElseThrow();

    Timestamp v = t.tick();
    List<CoreEffect> out = t.run(new CoreCommand.KillInstances(
        Map.of(PathId.of("/a"), List.of(a), PathId.of("/b"), List.of(b), PathId.of("/nope"), List.of("nope.x")),
        true, false, "d3", v));
    assertThat(out.getLast()).isEqualTo(new CoreEffect.Accepted("d3", v.toString()));
    assertThat(t.core.deployments).containsOnlyKeys("d3");
    assertThat(t.core.deployments.get("d3").record().plan().affectedApps()).containsExactly("/a", "/b");
    assertThat(of(out, CoreEffect.Kill.class)).extracting(CoreEffect.Kill::taskId).containsExactlyInAnyOrder(a, b);
    assertThat(t.core.root.app(PathId.of("/a")).orElseThrow().instances()).isEqualTo(1);
    assertThat(t.core.root.app(PathId.of("/b")).orElseThrow().instances()).isEqualTo(1);

    assertThat(t.run(new CoreCommand.KillInstances(Map.of(PathId.of("/nope"), List.of("nope.x")), true, false, "d4",
        t.tick())).getLast()).isInstanceOf(CoreEffect.NotFound.class);
  }

  @Test
  void frameworkMessageEventCarriesTheBytesAsMarathonWritesThem() {
    JsonNode e = CoreEvents.frameworkMessage("ex-1", "agent-1", new byte[] {1, -2}, AppsCoreTest.T0);
    assertThat(e.path("eventType").asText()).isEqualTo("framework_message_event");
    assertThat(e.path("executorId").asText()).isEqualTo("ex-1");
    assertThat(e.path("slaveId").asText()).isEqualTo("agent-1");
    assertThat(e.path("message").toString()).isEqualTo("[1,-2]");
    assertThat(e.path("timestamp").asText()).isEqualTo(Timestamp.ofEpochMs(AppsCoreTest.T0).toString());
  }

  @Test
  void runningInstancesGiveLaunchTokensBackSoScalingIsNotHeldByTheInterval() {
    t.core = new AppsCore(new CoreConfig(120_000, 600_000, 300_000, 4, 30_000, 300_000,
        io.drover.apps.placement.MatcherConfig.defaults(), 100), t.clock, Rng.seeded(5),
        Group.emptyRoot(Timestamp.ofEpochMs(AppsCoreTest.T0)));
    t.run(new CoreCommand.Subscribed("fw"));
    t.deploy(app("/many", 8), false, "d1");
    List<String> first = t.launchAll(new ArrayList<>());
    assertThat(first).as("4 tokens: 4 launches").hasSize(4);
    List<CoreEffect> waiting = new ArrayList<>();
    assertThat(t.launchAll(waiting)).as("no token left before any launch is confirmed").isEmpty();
    assertThat(of(waiting, CoreEffect.Decline.class)).as("offers refused only briefly while waiting for tokens")
        .isNotEmpty().allSatisfy(d -> assertThat(d.refuseSeconds()).isEqualTo(OfferHandler.TOKEN_WAIT_REFUSE_SECONDS));
    t.runAll(first, "");
    assertThat(t.launchAll(new ArrayList<>())).as("each running instance gave its token back").hasSize(4);
  }
}
