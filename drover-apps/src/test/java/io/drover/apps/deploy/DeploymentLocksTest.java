package io.drover.apps.deploy;

import static io.drover.apps.deploy.DeploymentPlannerTest.V1;
import static io.drover.apps.deploy.DeploymentPlannerTest.V2;
import static io.drover.apps.deploy.DeploymentPlannerTest.apps;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class DeploymentLocksTest {
  static DeploymentPlan plan(String id, Map<String, RunSpec> from, Map<String, RunSpec> to) {
    return ((PlanResult.Planned) DeploymentPlanner.plan(id, from, to, V2)).plan();
  }

  final RunSpec a = RunSpec.of("/a", V1, "c", 1);
  final RunSpec b = RunSpec.of("/b", V1, "c", 1);
  final DeploymentPlan runningA = plan("dep-a", apps(a, b), apps(a.withInstances(3), b));
  final DeploymentPlan runningB = plan("dep-b", apps(a, b), apps(a, b.withInstances(3)));

  @Test
  void sharedAffectedAppsConflict() {
    DeploymentPlan both = plan("new", apps(a, b), apps(a.withInstances(5), b.withInstances(5)));
    DeploymentPlan onlyB = plan("new", apps(a, b), apps(a, b.withInstances(5)));
    assertThat(DeploymentLocks.conflicting(List.of(runningA, runningB), both)).containsExactly("dep-a", "dep-b");
    assertThat(DeploymentLocks.conflicting(List.of(runningA, runningB), onlyB)).containsExactly("dep-b");
    assertThat(DeploymentLocks.decide(List.of(runningA), onlyB, false))
        .isEqualTo(new DeploymentLocks.Decision.Proceed(List.of()));
  }

  @Test
  void lockedBodyIsMarathonsExactly() throws Exception {
    DeploymentPlan onlyB = plan("new", apps(a, b), apps(a, b.withInstances(5)));
    DeploymentLocks.Decision decision = DeploymentLocks.decide(List.of(runningA, runningB), onlyB, false);
    assertThat(decision).isInstanceOf(DeploymentLocks.Decision.Locked.class);
    var body = ((DeploymentLocks.Decision.Locked) decision).body();
    assertThat(DeploymentPlannerTest.tree(body)).isEqualTo(DeploymentPlannerTest.parse("""
        {"message":"App is locked by one or more deployments. Override with the option '?force=true'. \
        View details at '/v2/deployments/<DEPLOYMENT_ID>'.","deployments":[{"id":"dep-b"}]}"""));
  }

  @Test
  void forceCancelsTheConflictingDeployments() {
    DeploymentPlan both = plan("new", apps(a, b), apps(a.withInstances(5), b.withInstances(5)));
    assertThat(DeploymentLocks.decide(List.of(runningA, runningB), both, true))
        .isEqualTo(new DeploymentLocks.Decision.Proceed(List.of("dep-a", "dep-b")));
  }
}
