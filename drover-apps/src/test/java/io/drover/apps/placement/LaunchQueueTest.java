package io.drover.apps.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.common.mesos.TaskState;
import org.junit.jupiter.api.Test;

final class LaunchQueueTest {
  private static final String V1 = "2024-01-01T00:00:00.000Z";
  private static final String V2 = "2024-02-01T00:00:00.000Z";
  private static final BackoffPolicy POLICY = new BackoffPolicy(10, 2.0, 60);

  @Test
  void failedAndFinishedMultiplyTheDelayUpToTheMaxKilledDoesNot() {
    LaunchQueue q = LaunchQueue.defaults();
    q.add("/a", V1, "*", POLICY, 2, 0);
    assertThat(q.queueDelay("/a", 0)).isEqualTo(new QueueDelay(0, true));
    assertThat(q.taskTerminated("/a", V1, TaskState.TASK_FAILED, POLICY, 1000)).isTrue();
    assertThat(q.delay("/a", 1000).orElseThrow().currentDelayMs()).isEqualTo(10_000);
    assertThat(q.queueDelay("/a", 4000)).isEqualTo(new QueueDelay(7, false));
    assertThat(q.launchAllowed("/a", 10_999)).isFalse();
    assertThat(q.launchAllowed("/a", 11_000)).isTrue();
    assertThat(q.taskTerminated("/a", V1, TaskState.TASK_KILLED, POLICY, 2000)).isFalse();
    assertThat(q.delay("/a", 2000).orElseThrow().currentDelayMs()).isEqualTo(10_000);
    q.taskTerminated("/a", V1, TaskState.TASK_FINISHED, POLICY, 3000);
    assertThat(q.delay("/a", 3000).orElseThrow().currentDelayMs()).isEqualTo(20_000);
    q.taskTerminated("/a", V1, TaskState.TASK_FAILED, POLICY, 4000);
    q.taskTerminated("/a", V1, TaskState.TASK_FAILED, POLICY, 5000);
    assertThat(q.delay("/a", 5000).orElseThrow().currentDelayMs()).isEqualTo(60_000);
    assertThat(q.queueDelay("/a", 5000)).isEqualTo(new QueueDelay(60, false));
    // Overdue only once the deadline passed by a whole second, as Marathon's truncated seconds.
    assertThat(q.queueDelay("/a", 65_500)).isEqualTo(new QueueDelay(0, false));
    assertThat(q.queueDelay("/a", 66_000)).isEqualTo(new QueueDelay(0, true));
  }

  @Test
  void delayResetsOnNewVersionOnDeleteAndAfterDelayPlusMaxWithoutFailures() {
    LaunchQueue q = LaunchQueue.defaults();
    q.add("/a", V1, "*", POLICY, 1, 0);
    q.taskTerminated("/a", V1, TaskState.TASK_FAILED, POLICY, 0);
    q.add("/a", V2, "*", POLICY, 1, 100);
    assertThat(q.delay("/a", 100)).isEmpty();
    assertThat(q.taskTerminated("/a", V1, TaskState.TASK_FAILED, POLICY, 200)).isFalse(); // old version
    q.taskTerminated("/a", V2, TaskState.TASK_FAILED, POLICY, 300);
    assertThat(q.resetDelay("/a")).isTrue();
    assertThat(q.delay("/a", 300)).isEmpty();
    assertThat(q.resetDelay("/a")).isFalse();
    q.taskTerminated("/a", V2, TaskState.TASK_FAILED, POLICY, 1000);
    assertThat(q.delay("/a", 1000 + 10_000 + 60_000)).isPresent();
    assertThat(q.delay("/a", 1000 + 10_000 + 60_000 + 1)).isEmpty();
  }

  @Test
  void queueCountsSinceAndLeavesWhenLaunched() {
    LaunchQueue q = LaunchQueue.defaults();
    q.add("/a", V1, "*", POLICY, 3, 500);
    q.add("/a", V1, "*", POLICY, 2, 900);
    assertThat(q.entry("/a").orElseThrow().count()).isEqualTo(5);
    assertThat(q.entry("/a").orElseThrow().sinceMs()).isEqualTo(500);
    assertThat(q.launched("/a", 4)).isEqualTo(1);
    assertThat(q.launched("/a", 1)).isZero();
    assertThat(q.entries()).isEmpty();
  }

  @Test
  void revivesOnNewDemandSuppressesWhenNothingCanLaunch() {
    LaunchQueue q = LaunchQueue.defaults();
    assertThat(q.offerSignal(0)).isEqualTo(LaunchQueue.OfferSignal.SUPPRESS);
    assertThat(q.offerSignal(1)).isEqualTo(LaunchQueue.OfferSignal.NONE);
    q.add("/a", V1, "*", POLICY, 1, 2);
    assertThat(q.offerSignal(2)).isEqualTo(LaunchQueue.OfferSignal.REVIVE);
    assertThat(q.offerSignal(3)).isEqualTo(LaunchQueue.OfferSignal.NONE);
    q.add("/b", V1, "*", POLICY, 1, 4);
    assertThat(q.offerSignal(4)).isEqualTo(LaunchQueue.OfferSignal.REVIVE);
    // Both delayed: nothing can launch, so suppress until the first delay ends.
    q.taskTerminated("/a", V1, TaskState.TASK_FAILED, POLICY, 5);
    q.taskTerminated("/b", V1, TaskState.TASK_FAILED, POLICY, 6);
    assertThat(q.offerSignal(7)).isEqualTo(LaunchQueue.OfferSignal.SUPPRESS);
    assertThat(q.nextWakeupMs(7)).hasValue(10_005);
    assertThat(q.offerSignal(10_005)).isEqualTo(LaunchQueue.OfferSignal.REVIVE);
    q.launched("/a", 1);
    q.remove("/b");
    assertThat(q.offerSignal(10_006)).isEqualTo(LaunchQueue.OfferSignal.SUPPRESS);
    assertThat(q.declineRefuseSeconds()).isEqualTo(120.0);
  }

  @Test
  void launchTokensRefillEachInterval() {
    LaunchTokens t = LaunchTokens.defaults(0);
    assertThat(t.take(70, 0)).isEqualTo(70);
    assertThat(t.take(70, 29_999)).isEqualTo(30);
    assertThat(t.take(1, 29_999)).isZero();
    assertThat(t.available(30_000)).isEqualTo(100);
    assertThat(t.take(10, 95_000)).isEqualTo(10);
    assertThat(t.nextRefillMs()).isEqualTo(120_000);
  }

  @Test
  void aConfirmedLaunchGivesATokenBack() {
    LaunchTokens t = LaunchTokens.defaults(0);
    assertThat(t.take(100, 0)).isEqualTo(100);
    assertThat(t.take(1, 10)).isZero();
    t.confirmed(20);
    t.confirmed(21);
    assertThat(t.take(5, 22)).isEqualTo(2);
    assertThat(t.available(30_000)).isEqualTo(100); // the refill sets the bucket to full, whatever came back
  }
}
