package io.drover.apps.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The cases of Marathon's RestartStrategyTest, plus the +1 and excess rules. */
final class RestartStrategyTest {
  static List<InstanceView> running(int healthy, int unhealthy) {
    List<InstanceView> out = new ArrayList<>();
    for (int k = 0; k < healthy + unhealthy; k++) {
      out.add(new InstanceView("i" + k, "old", InstanceCondition.RUNNING, k < healthy, k < healthy, k,
          OptionalLong.of(k)));
    }
    return out;
  }

  static RestartStrategy strategy(int n, double minHc, double maxOc, boolean resident, List<InstanceView> current) {
    RunSpec spec = RunSpec.of("/a", "new", "c", n).withUpgradeStrategy(minHc, maxOc).withChecks(true, false)
        .withResident(resident);
    return RestartStrategy.compute(spec, current);
  }

  @Test
  void residentAppKillsOneMoreInsteadOfOverCapacity() {
    assertThat(strategy(1, 0.5, 0, true, running(1, 0))).isEqualTo(new RestartStrategy(1, 1, 1, 1));
    assertThat(strategy(1, 0.5, 0, true, running(0, 0))).isEqualTo(new RestartStrategy(1, 1, 0, 0));
    assertThat(strategy(5, 0.5, 0, true, running(5, 0))).isEqualTo(new RestartStrategy(3, 5, 2, 2));
  }

  @Test
  void normalAppGetsOneInstanceOfOverCapacityWhenMinEqualsMax() {
    assertThat(strategy(1, 0.5, 0, false, running(1, 0))).isEqualTo(new RestartStrategy(1, 2, 0, 0));
    assertThat(strategy(1, 0.5, 0, false, running(0, 1))).isEqualTo(new RestartStrategy(1, 1, 0, 0));
    assertThat(strategy(5, 1, 0, false, running(5, 0))).isEqualTo(new RestartStrategy(5, 6, 0, 0));
  }

  @Test
  void capacityMath() {
    assertThat(strategy(2, 0.5, 0, false, running(2, 0))).isEqualTo(new RestartStrategy(1, 2, 1, 1));
    assertThat(strategy(10, 0.1, 0, false, running(0, 0))).isEqualTo(new RestartStrategy(1, 10, 0, 0));
    assertThat(strategy(10, 0.1, 1.0, false, running(10, 0))).isEqualTo(new RestartStrategy(1, 20, 9, 9));
    assertThat(strategy(10, 1, 1.0, false, running(10, 0))).isEqualTo(new RestartStrategy(10, 20, 0, 0));
    assertThat(strategy(3, 0.5, 0.5, false, running(3, 0))).isEqualTo(new RestartStrategy(2, 4, 1, 1));
  }

  @Test
  void fewerTargetInstancesKillTheExcess() {
    assertThat(strategy(2, 1, 1, false, running(3, 2))).isEqualTo(new RestartStrategy(2, 4, 3, 1));
  }
}
