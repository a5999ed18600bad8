package io.drover.bench.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LaunchTimelineTest {
  @Test void groupsLaunchesIntoRoundsAndFindsTheLongestGap() {
    long req = 1_000_000;
    List<LaunchTimeline.Task> tasks = List.of(
        new LaunchTimeline.Task(req + 1_010, req + 1_200),
        new LaunchTimeline.Task(req + 1_000, req + 1_100),
        new LaunchTimeline.Task(req + 1_020, req + 1_400),
        new LaunchTimeline.Task(req + 2_000, req + 2_300),   // next round, 980 ms later
        new LaunchTimeline.Task(req + 32_000, req + 32_100), // a long wait, as for launch tokens
        new LaunchTimeline.Task(req - 5_000, req - 4_000));  // before the request: not counted
    LaunchTimeline t = LaunchTimeline.of(req, tasks).orElseThrow();
    assertThat(t.tasks()).isEqualTo(5);
    assertThat(t.firstStagedMs()).isEqualTo(1_000);
    assertThat(t.lastStagedMs()).isEqualTo(32_000);
    assertThat(t.rounds()).isEqualTo(3);
    assertThat(t.largestRound()).isEqualTo(3);
    assertThat(t.longestGapMs()).isEqualTo(30_000);
    assertThat(t.stagedToRunningMedianMs()).isEqualTo(190); // 100, 100, 190, 300, 380 ms
    assertThat(t.stagedToRunningMaxMs()).isEqualTo(380);
  }

  @Test void noTaskAfterTheRequestIsNoTimeline() {
    assertThat(LaunchTimeline.of(10, List.of(new LaunchTimeline.Task(5, 6)))).isEmpty();
  }
}
