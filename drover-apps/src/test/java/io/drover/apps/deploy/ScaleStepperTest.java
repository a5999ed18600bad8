package io.drover.apps.deploy;

import io.drover.apps.model.KillSelection;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

final class ScaleStepperTest {
  static InstanceView inst(String id, InstanceCondition c, long stagedAt, Long startedAt) {
    return new InstanceView(id, "v1", c, true, true, stagedAt,
        startedAt == null ? OptionalLong.empty() : OptionalLong.of(startedAt));
  }

  final List<InstanceView> instances = List.of(
      inst("run-old", InstanceCondition.RUNNING, 1, 10L),
      inst("run-young", InstanceCondition.RUNNING, 2, 30L),
      inst("run-mid", InstanceCondition.RUNNING, 3, 20L),
      inst("staging", InstanceCondition.STAGING, 40, null),
      inst("unreachable", InstanceCondition.UNREACHABLE, 5, 5L),
      inst("gone", InstanceCondition.KILLED, 6, 6L));

  @Test
  void killOrderIsUnreachableStagingThenBySelection() {
    assertThat(ScalingProposition.propose(instances, List.of(), 1, KillSelection.YOUNGEST_FIRST))
        .isEqualTo(new ScalingProposition(List.of("unreachable", "staging", "run-young", "run-mid"), 0));
    assertThat(ScalingProposition.propose(instances, List.of(), 1, KillSelection.OLDEST_FIRST))
        .isEqualTo(new ScalingProposition(List.of("unreachable", "staging", "run-old", "run-mid"), 0));
  }

  @Test
  void sentencedInstancesGoFirstEvenBeyondTheSurplus() {
    assertThat(ScalingProposition.propose(instances, List.of("run-old", "gone"), 5, KillSelection.YOUNGEST_FIRST))
        .isEqualTo(new ScalingProposition(List.of("run-old"), 1));
    assertThat(ScalingProposition.propose(instances, List.of(), 7, KillSelection.YOUNGEST_FIRST))
        .isEqualTo(new ScalingProposition(List.of(), 2));
  }

  @Test
  void scaleDownWaitsForTheKillsThenIsDone() {
    RunSpec spec = RunSpec.of("/a", "v1", "c", 2);
    ScaleStepper.Begun begun = ScaleStepper.begin(spec, 2, instances, List.of());
    assertThat(begun.commands()).isEqualTo(new InstanceCommands(0, List.of("unreachable", "staging", "run-young")));
    ScaleStepper scale = begun.scale();
    assertThat(scale.isDone()).isFalse();
    assertThat(scale.onInstance(inst("staging", InstanceCondition.KILLED, 40, null))).isEqualTo(InstanceCommands.NONE);
    assertThat(scale.isDone()).isFalse(); // the unreachable one counts as killed already; run-young is not gone yet
    assertThat(scale.onInstance(inst("run-young", InstanceCondition.KILLED, 2, 30L))).isEqualTo(InstanceCommands.NONE);
    assertThat(scale.isDone()).isTrue();
  }

  @Test
  void scaleUpLaunchesAndWaitsForHealthyReadyAndReplacesFailures() {
    RunSpec spec = RunSpec.of("/a", "v2", "c", 5).withChecks(true, false);
    List<InstanceView> current = instances.subList(0, 3);
    ScaleStepper.Begun begun = ScaleStepper.begin(spec, 5, current, List.of());
    assertThat(begun.commands()).isEqualTo(new InstanceCommands(2, List.of()));
    ScaleStepper scale = begun.scale();
    InstanceView n1 = new InstanceView("n1", "v2", InstanceCondition.STAGING, false, false, 50, OptionalLong.empty());
    InstanceView n2 = new InstanceView("n2", "v2", InstanceCondition.STAGING, false, false, 51, OptionalLong.empty());
    scale.onInstance(n1);
    scale.onInstance(n2);
    assertThat(scale.onInstance(n1.withCondition(InstanceCondition.FAILED))).isEqualTo(new InstanceCommands(1, List.of()));
    assertThat(scale.onInstance(n1.withCondition(InstanceCondition.FAILED))).isEqualTo(InstanceCommands.NONE);
    scale.onInstance(n2.running(60));
    assertThat(scale.isDone()).isFalse(); // running but not yet healthy
    scale.onInstance(n2.running(60).withHealth(true, false));
    InstanceView n3 = new InstanceView("n3", "v2", InstanceCondition.RUNNING, true, false, 70, OptionalLong.of(71));
    scale.onInstance(n3);
    assertThat(scale.isDone()).isTrue();
  }
}
