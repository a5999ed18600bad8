package io.drover.apps.api.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import mesosphere.marathon.client.Marathon;
import mesosphere.marathon.client.MarathonClient;
import mesosphere.marathon.client.MarathonException;
import mesosphere.marathon.client.model.v2.App;
import mesosphere.marathon.client.model.v2.Deployment;
import mesosphere.marathon.client.model.v2.GetAppResponse;
import mesosphere.marathon.client.model.v2.Group;
import mesosphere.marathon.client.model.v2.Result;
import mesosphere.marathon.client.model.v2.VersionedApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Mesosphere's own Java client ({@code com.mesosphere:marathon-client}, Feign + Gson) against the apps API: it must
 * be able to send what it sends and read every answer, as it does against Marathon.
 */
final class MarathonClientTest {
  final ApiFixture f = new ApiFixture();
  final Marathon marathon = MarathonClient.getInstance("http://127.0.0.1:" + f.app.port());

  @AfterEach void stop() { f.close(); }

  static App app(String id, int instances) {
    App a = new App();
    a.setId(id);
    a.setCmd("sleep 100");
    a.setCpus(0.5);
    a.setMem(32.0);
    a.setInstances(instances);
    a.setLabels(Map.of("team", "web"));
    return a;
  }

  @Test
  void appLifecycleThroughTheClient() throws Exception {
    VersionedApp created = marathon.createApp(app("/web", 2));
    assertThat(created.getId()).isEqualTo("/web");
    assertThat(created.getInstances()).isEqualTo(2);
    assertThat(created.getVersion()).isNotEmpty();
    List<String> tasks = f.launchAndRun();
    assertThat(tasks).hasSize(2);

    GetAppResponse got = marathon.getApp("/web");
    assertThat(got.getApp().getTasksRunning()).isEqualTo(2);
    assertThat(got.getApp().getTasks()).extracting(t -> t.getId()).containsExactlyInAnyOrderElementsOf(tasks);
    assertThat(got.getApp().getLabels()).containsEntry("team", "web");
    assertThat(marathon.getApps().getApps()).extracting(App::getId).containsExactly("/web");
    assertThat(marathon.getApps(Map.of("label", "team==web")).getApps()).hasSize(1);
    assertThat(marathon.getApps(Map.of("label", "team==db")).getApps()).isEmpty();
    assertThat(marathon.getAppTasks("/web").getTasks()).hasSize(2);
    assertThat(marathon.getTasks().getTasks()).hasSize(2);
    assertThat(marathon.getAppVersions("/web").getVersions()).contains(created.getVersion());
    assertThat(marathon.getAppVersion("/web", created.getVersion()).getInstances()).isEqualTo(2);

    f.tick();
    App scaled = new App();
    scaled.setInstances(3);
    Result update = marathon.updateApp("/web", scaled, false);
    assertThat(update.getDeploymentId()).isNotEmpty();
    List<Deployment> deployments = marathon.getDeployments();
    assertThat(deployments).singleElement().satisfies(d -> {
      assertThat(d.getId()).isEqualTo(update.getDeploymentId());
      assertThat(d.getAffectedApps()).containsExactly("/web");
      assertThat(d.getSteps()).isNotEmpty();
    });
    assertThat(marathon.getQueue().getQueue()).singleElement()
        .satisfies(q -> assertThat(q.getCount()).isEqualTo(1));

    App again = new App();
    again.setInstances(4);
    assertThatThrownBy(() -> marathon.updateApp("/web", again, false)).isInstanceOf(MarathonException.class)
        .satisfies(e -> assertThat(((MarathonException) e).getStatus()).isEqualTo(409));

    f.tick();
    assertThat(marathon.restartApp("/web", true).getDeploymentId()).isNotEmpty();
    assertThat(marathon.deleteAppTask("/web", tasks.getFirst(), "false").getTask().getId()).isEqualTo(tasks.getFirst());
    f.tick();
    assertThat(marathon.deleteApp("/web").getDeploymentId()).isNotEmpty();
    assertThatThrownBy(() -> marathon.getApp("/nope")).isInstanceOf(MarathonException.class)
        .satisfies(e -> assertThat(((MarathonException) e).getStatus()).isEqualTo(404));
  }

  @Test
  void groupsDeploymentsAndInfoThroughTheClient() throws Exception {
    Group g = new Group();
    g.setId("/prod");
    g.setApps(List.of(app("/prod/db", 1), app("/prod/api", 1)));
    g.setDependencies(List.of());
    Result created = marathon.createGroup(g);
    assertThat(created.getDeploymentId()).isNotEmpty();

    Group read = marathon.getGroup("/prod");
    assertThat(read.getApps()).extracting(App::getId).containsExactlyInAnyOrder("/prod/db", "/prod/api");

    assertThat(marathon.getDeployments()).singleElement().satisfies(d -> assertThat(d.getId())
        .isEqualTo(created.getDeploymentId()));
    marathon.cancelDeployment(created.getDeploymentId()); // force: 202, no body
    assertThat(marathon.getDeployments()).isEmpty();

    f.tick();
    g.setApps(List.of(app("/prod/db", 2), app("/prod/api", 1)));
    Result updated = marathon.updateGroup("/prod", false, g);
    f.tick();
    Result rollback = marathon.cancelDeploymentAndRollback(updated.getDeploymentId());
    assertThat(rollback.getDeploymentId()).isNotEqualTo(updated.getDeploymentId());
    assertThat(marathon.getGroup("/prod").getApps()).allSatisfy(a -> assertThat(a.getInstances()).isEqualTo(1));

    f.tick();
    assertThat(marathon.deleteGroup("/prod", true).getDeploymentId()).isNotEmpty();
    assertThat(marathon.getApps().getApps()).isEmpty();
  }
}
