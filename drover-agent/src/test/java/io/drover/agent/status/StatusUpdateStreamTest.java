package io.drover.agent.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.common.mesos.TaskState;
import io.drover.common.mesos.TaskStatusReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StatusUpdateStreamTest {
  private final Updates updates = new Updates(7);
  private final StreamKey key = new StreamKey("fw-1", "t1");
  private final StatusUpdateStream stream = new StatusUpdateStream(key);

  @Test
  void onlyTheHeadIsInFlightAndUpdatesLeaveInOrder() {
    StatusUpdate starting = updates.of("t1", TaskState.TASK_STARTING);
    StatusUpdate running = updates.of("t1", TaskState.TASK_RUNNING);
    StatusUpdate finished = updates.of("t1", TaskState.TASK_FINISHED);
    assertThat(stream.add(starting, 0)).isEqualTo(new AddResult.Added(true));
    assertThat(stream.add(running, 0)).isEqualTo(new AddResult.Added(false));
    assertThat(stream.add(finished, 0)).isEqualTo(new AddResult.Added(false));

    assertThat(stream.due(0)).extracting(Outgoing::update).containsExactly(starting);
    assertThat(stream.due(1_000)).as("head in flight, nothing else goes out").isEmpty();

    assertThat(stream.acknowledge(starting.uuid(), 2_000))
        .isEqualTo(new AckResult.Acknowledged(starting, Optional.of(running), false));
    assertThat(stream.due(2_000)).extracting(Outgoing::update).containsExactly(running);
    stream.acknowledge(running.uuid(), 3_000);
    assertThat(stream.due(3_000)).extracting(Outgoing::update).containsExactly(finished);
  }

  @Test
  void retriesAfter10sDoublingUpTo10Minutes() {
    stream.add(updates.of("t1", TaskState.TASK_RUNNING), 0);
    List<Long> gapsSeconds = new ArrayList<>();
    List<Integer> attempts = new ArrayList<>();
    long lastSend = -1;
    for (int i = 0; i < 10; i++) {
      long t = stream.nextDueMs().orElseThrow();
      assertThat(stream.due(t - 1)).as("not due one ms early").isEmpty();
      List<Outgoing> out = stream.due(t);
      assertThat(out).hasSize(1);
      attempts.add(out.get(0).attempt());
      if (lastSend >= 0) gapsSeconds.add((t - lastSend) / 1000);
      lastSend = t;
    }
    assertThat(gapsSeconds).containsExactly(10L, 20L, 40L, 80L, 160L, 320L, 600L, 600L, 600L);
    assertThat(attempts).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
  }

  @Test
  void backoffStartsOverForEachNewHead() {
    StatusUpdate a = updates.of("t1", TaskState.TASK_STARTING);
    StatusUpdate b = updates.of("t1", TaskState.TASK_RUNNING);
    stream.add(a, 0);
    stream.add(b, 0);
    stream.due(0);
    stream.due(10_000);
    stream.due(30_000);
    stream.due(70_000); // next retry of `a` would be 80 s later
    stream.acknowledge(a.uuid(), 75_000);
    assertThat(stream.nextDueMs()).hasValue(75_000);
    assertThat(stream.due(75_000)).singleElement().satisfies(o -> {
      assertThat(o.update()).isEqualTo(b);
      assertThat(o.attempt()).isEqualTo(1);
    });
    assertThat(stream.nextDueMs()).hasValue(85_000);
  }

  @Test
  void anAckWithAnotherUuidIsIgnored() {
    StatusUpdate a = updates.of("t1", TaskState.TASK_RUNNING);
    StatusUpdate b = updates.of("t1", TaskState.TASK_FAILED);
    stream.add(a, 0);
    stream.add(b, 0);
    stream.due(0);
    UUID stranger = UUID.fromString("00000000-0000-4000-8000-000000000001");
    assertThat(stream.acknowledge(stranger, 1)).isEqualTo(new AckResult.Unexpected(stranger, Optional.of(a.uuid())));
    assertThat(stream.acknowledge(b.uuid(), 1)).as("acking the second before the head")
        .isEqualTo(new AckResult.Unexpected(b.uuid(), Optional.of(a.uuid())));
    assertThat(stream.pending()).containsExactly(a, b);
    assertThat(stream.nextDueMs()).as("retry schedule untouched").hasValue(10_000);
  }

  @Test
  void duplicatesOfUpdatesAndAcksAreIgnored() {
    StatusUpdate a = updates.of("t1", TaskState.TASK_RUNNING);
    stream.add(a, 0);
    assertThat(stream.add(a, 5)).isEqualTo(new AddResult.Duplicate(a.uuid()));
    assertThat(stream.pending()).containsExactly(a);
    stream.acknowledge(a.uuid(), 10);
    assertThat(stream.add(a, 20)).as("already delivered").isEqualTo(new AddResult.Duplicate(a.uuid()));
    assertThat(stream.acknowledge(a.uuid(), 30)).isEqualTo(new AckResult.Duplicate(a.uuid()));
    assertThat(stream.pending()).isEmpty();
  }

  @Test
  void anAcknowledgedTerminalUpdateEndsTheStream() {
    StatusUpdate running = updates.of("t1", TaskState.TASK_RUNNING);
    StatusUpdate killed = updates.of("t1", TaskState.TASK_KILLED);
    stream.add(running, 0);
    stream.add(killed, 0);
    stream.acknowledge(running.uuid(), 1);
    assertThat(stream.terminated()).isFalse();
    assertThat(stream.acknowledge(killed.uuid(), 2))
        .isEqualTo(new AckResult.Acknowledged(killed, Optional.empty(), true));
    assertThat(stream.terminated()).isTrue();
    assertThat(stream.add(updates.of("t1", TaskState.TASK_RUNNING), 3)).isEqualTo(new AddResult.Terminated());
    assertThat(stream.nextDueMs()).isEmpty();
    assertThat(stream.due(1_000_000)).isEmpty();
  }

  @Test
  void theHeadCarriesTheLatestStateSoTheMasterLearnsTerminalStatesEarly() {
    StatusUpdate running = updates.of("t1", TaskState.TASK_RUNNING);
    stream.add(running, 0);
    stream.add(updates.of("t1", TaskState.TASK_FAILED), 0);
    assertThat(stream.latestState()).hasValue(TaskState.TASK_FAILED);
    assertThat(stream.due(0)).containsExactly(new Outgoing(running, TaskState.TASK_FAILED, 1));
  }

  @Test
  void retryNowBringsTheHeadForward() {
    stream.add(updates.of("t1", TaskState.TASK_RUNNING), 0);
    stream.due(0);
    stream.retryNow(3_000);
    assertThat(stream.due(3_000)).singleElement().extracting(Outgoing::attempt).isEqualTo(2);
    assertThat(stream.nextDueMs()).as("backoff kept: second interval is 20 s").hasValue(23_000);
  }

  @Test
  void theStreamIsBounded() {
    StatusUpdateStream small = new StatusUpdateStream(key, 2);
    small.add(updates.of("t1", TaskState.TASK_RUNNING), 0);
    small.add(updates.of("t1", TaskState.TASK_RUNNING), 0);
    assertThat(small.add(updates.of("t1", TaskState.TASK_RUNNING), 0)).isEqualTo(new AddResult.StreamFull(2));
    assertThat(small.pending()).hasSize(2);
  }

  @Test
  void onlyTheRecentAcknowledgedUuidsAreRemembered() {
    StatusUpdate first = updates.of("t1", TaskState.TASK_RUNNING);
    stream.add(first, 0);
    stream.acknowledge(first.uuid(), 0);
    for (int i = 0; i < StatusUpdateStream.ACKED_MEMORY - 1; i++) {
      StatusUpdate u = updates.of("t1", TaskState.TASK_RUNNING);
      stream.add(u, 0);
      stream.acknowledge(u.uuid(), 0);
    }
    assertThat(stream.add(first, 1)).as("still remembered").isEqualTo(new AddResult.Duplicate(first.uuid()));
    StatusUpdate one = updates.of("t1", TaskState.TASK_RUNNING);
    stream.add(one, 0);
    stream.acknowledge(one.uuid(), 0);
    assertThat(stream.add(first, 2)).as("forgotten: delivered again").isEqualTo(new AddResult.Added(true));
  }

  @Test
  void taskStatesMatchMesosTerminalSet() {
    // 14 Mesos states, plus Drover's UNKNOWN (-1) for a state this version does not know.
    assertThat(TaskState.values()).hasSize(15);
    assertThat(java.util.Arrays.stream(TaskState.values()).filter(TaskState::isKnown)).hasSize(14);
    assertThat(java.util.Arrays.stream(TaskState.values()).filter(TaskState::isTerminal))
        .containsExactlyInAnyOrder(TaskState.TASK_FINISHED, TaskState.TASK_FAILED, TaskState.TASK_KILLED,
            TaskState.TASK_ERROR, TaskState.TASK_LOST, TaskState.TASK_DROPPED, TaskState.TASK_GONE,
            TaskState.TASK_GONE_BY_OPERATOR);
    assertThat(TaskState.ofNumber(6)).isEqualTo(TaskState.TASK_STAGING);
    // 35 Mesos reasons, plus Drover's UNKNOWN (-1).
    assertThat(TaskStatusReason.values()).hasSize(36);
    assertThat(java.util.Arrays.stream(TaskStatusReason.values()).filter(TaskStatusReason::isKnown)).hasSize(35);
    assertThat(TaskStatusReason.ofNumber(34)).isEqualTo(TaskStatusReason.REASON_AGENT_DRAINING);
    assertThat(java.util.Arrays.stream(TaskStatusReason.values()).filter(TaskStatusReason::isKnown)
        .map(TaskStatusReason::number).distinct()).hasSize(35);
  }

  @Test
  void uuidsAreVersion4AndRoundTripThroughBytes() {
    StatusUpdate u = updates.of("t1", TaskState.TASK_RUNNING);
    assertThat(u.uuid().version()).isEqualTo(4);
    assertThat(u.uuid().variant()).isEqualTo(2);
    assertThat(u.uuidBytes()).hasSize(16);
    assertThat(StatusUpdate.uuidOf(u.uuidBytes())).isEqualTo(u.uuid());
    assertThat(new Updates(7).of("t1", TaskState.TASK_RUNNING).uuid()).as("same seed, same uuid").isEqualTo(u.uuid());
  }
}
