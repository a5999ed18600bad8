package io.drover.bench.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SwarmSideTest {
  @Test void countsOnlyTasksInStateRunning() {
    String out = """
        ulzazim1ao4hgmjhyge54piw8 Running 2 seconds ago
        epahkbvk0m6u4t8579xjiwzfa Starting less than a second ago
        uwmc19ql76v6eg34bmvu7vxsj Pending less than a second ago

        nrm8fac42h8cgvggqndia6nty Running less than a second ago
        abc Preparing 1 second ago
        """;
    assertThat(SwarmSide.runningTasks(out)).containsExactlyInAnyOrder("ulzazim1ao4hgmjhyge54piw8", "nrm8fac42h8cgvggqndia6nty");
  }

  @Test void noOutputIsNoTask() {
    assertThat(SwarmSide.runningTasks("")).isEmpty();
  }
}
