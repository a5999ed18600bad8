package io.drover.apps.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.apps.deploy.DeploymentCommand.AppTerminated;
import io.drover.apps.deploy.DeploymentCommand.Kill;
import io.drover.apps.deploy.DeploymentCommand.Launch;
import io.drover.apps.deploy.DeploymentCommand.ResetDelay;
import io.drover.apps.deploy.DeploymentCommand.StepStarted;
import io.drover.apps.deploy.DeploymentCommand.StepSucceeded;
import io.drover.apps.deploy.DeploymentCommand.Succeeded;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class DeploymentProgressTest {
  final Map<String, List<InstanceView>> world = new java.util.HashMap<>();
  final DeploymentProgress.InstanceSource source = app -> world.getOrDefault(app, List.of());

  static InstanceView running(String id, String version) {
    return new InstanceView(id, version, InstanceCondition.RUNNING, true, true, 1, OptionalLong.of(1));
  }

  @Test
  void runsStepsInOrderAndSucceeds() {
    RunSpec old = RunSpec.of("/old", "v1", "c", 1);
    RunSpec db = RunSpec.of("/db", "v2", "c", 1);
    RunSpec web = RunSpec.of("/web", "v2", "c", 1).withDependencies(Set.of("/db"));
    world.put("/old", List.of(running("o1", "v1")));
    DeploymentPlan plan = ((PlanResult.Planned) DeploymentPlanner.plan("d", Map.of("/old", old),
        Map.of("/db", db, "/web", web), "v2")).plan();

    DeploymentProgress.Started started = DeploymentProgress.start(plan, source);
    DeploymentProgress p = started.progress();
    assertThat(started.commands()).containsExactly(new StepStarted(1), new Kill("/old", List.of("o1")),
        new ResetDelay("/old"));
    assertThat(p.currentStep()).isEqualTo(1);
    assertThat(p.currentActions()).containsExactly(new DeploymentAction.StopApplication(old));
    assertThat(p.onInstance("/db", running("x", "v2"), source)).isEmpty(); // not in the current step

    List<DeploymentCommand> out = p.onInstance("/old",
        running("o1", "v1").withCondition(InstanceCondition.KILLED), source);
    assertThat(out).containsExactly(new AppTerminated("/old"), new StepSucceeded(1), new StepStarted(2),
        new StepSucceeded(2), new StepStarted(3), new Launch(db, 1));
    assertThat(p.currentStep()).isEqualTo(3);

    out = p.onInstance("/db", running("db1", "v2").withCondition(InstanceCondition.STAGING), source);
    assertThat(out).isEmpty();
    out = p.onInstance("/db", running("db1", "v2"), source);
    assertThat(out).containsExactly(new StepSucceeded(3), new StepStarted(4), new Launch(web, 1));
    out = p.onInstance("/web", running("w1", "v2"), source);
    assertThat(out).containsExactly(new StepSucceeded(4), new Succeeded());
    assertThat(p.status()).isEqualTo(DeploymentProgress.Status.SUCCEEDED);
    assertThat(p.currentActions()).isEmpty();
  }

  @Test
  void restartStepResetsTheDelayAndFinishesWhenOldAreGone() {
    RunSpec a = RunSpec.of("/a", "v1", "c", 1);
    world.put("/a", List.of(running("a1", "v1")));
    DeploymentPlan plan = ((PlanResult.Planned) DeploymentPlanner.plan("d", Map.of("/a", a),
        Map.of("/a", a.withConfig("d").withVersion("v2")), "v2")).plan();
    DeploymentProgress.Started started = DeploymentProgress.start(plan, source);
    assertThat(started.commands()).containsExactly(new StepStarted(1),
        new Launch(a.withConfig("d").withVersion("v2"), 1), new ResetDelay("/a"));
    DeploymentProgress p = started.progress();
    List<DeploymentCommand> out = new ArrayList<>(p.onInstance("/a", running("a2", "v2"), source));
    assertThat(out).containsExactly(new Kill("/a", List.of("a1")));
    assertThat(p.isActionDone("/a")).isFalse();
    out = p.onInstance("/a", running("a1", "v1").withCondition(InstanceCondition.KILLED), source);
    assertThat(out).containsExactly(new StepSucceeded(1), new Succeeded());
  }

  @Test
  void emptyPlanSucceedsAtOnceAndCancelOrFailStopsEverything() {
    DeploymentPlan empty = ((PlanResult.Planned) DeploymentPlanner.plan("d", Map.of(), Map.of(), "v")).plan();
    DeploymentProgress.Started started = DeploymentProgress.start(empty, source);
    assertThat(started.commands()).containsExactly(new Succeeded());
    assertThat(started.progress().currentStep()).isZero();

    RunSpec a = RunSpec.of("/a", "v1", "c", 2);
    DeploymentPlan plan = ((PlanResult.Planned) DeploymentPlanner.plan("d", Map.of(), Map.of("/a", a), "v")).plan();
    DeploymentProgress p = DeploymentProgress.start(plan, source).progress();
    assertThat(p.currentStep()).isEqualTo(2); // the start step finished at once
    p.cancel();
    assertThat(p.status()).isEqualTo(DeploymentProgress.Status.CANCELLED);
    assertThat(p.onInstance("/a", running("x", "v1"), source)).isEmpty();
    p.fail("too late");
    assertThat(p.status()).isEqualTo(DeploymentProgress.Status.CANCELLED);

    DeploymentProgress q = DeploymentProgress.start(plan, source).progress();
    q.fail("launch rejected");
    assertThat(q.status()).isEqualTo(DeploymentProgress.Status.FAILED);
    assertThat(q.failure()).isEqualTo("launch rejected");
    assertThat(DeploymentJson.deployment(plan, q.currentStep(), Map.of()).currentStep()).isEqualTo(2);
  }
}
