package io.drover.agent.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.common.mesos.TaskState;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class StatusUpdateStreamPropertiesTest {
  /** 0 add, 1 ack the head, 2 ack a stranger, 3 ack something already added (maybe not the head), 4 re-add. */
  @Provide
  Arbitrary<List<Integer>> actions() { return Arbitraries.integers().between(0, 4).list().ofMaxSize(200); }

  @Property(tries = 500)
  void acknowledgedUpdatesAreAPrefixOfAddedUpdatesInOrder(@ForAll("actions") List<Integer> actions,
      @ForAll long seed) {
    Updates updates = new Updates(seed);
    StatusUpdateStream stream = new StatusUpdateStream(new StreamKey("fw-1", "t1"));
    List<StatusUpdate> added = new ArrayList<>();
    List<StatusUpdate> acked = new ArrayList<>();
    long now = 0;
    int pick = 0;
    for (int action : actions) {
      now += 1_000;
      switch (action) {
        case 0 -> {
          // Never terminal: the property is about ordering, and a terminal ack would end the stream.
          StatusUpdate u = updates.of("t1", TaskState.TASK_RUNNING);
          if (stream.add(u, now) instanceof AddResult.Added) added.add(u);
        }
        case 1 -> stream.head().ifPresent(h -> record(stream.acknowledge(h.uuid(), 0), acked));
        case 2 -> record(stream.acknowledge(new UUID(pick++, 42), 0), acked);
        case 3 -> { if (!added.isEmpty()) record(stream.acknowledge(added.get(pick++ % added.size()).uuid(), 0), acked); }
        case 4 -> { if (!added.isEmpty()) assertThat(stream.add(added.get(pick++ % added.size()), now))
            .isInstanceOf(AddResult.Duplicate.class); }
        default -> throw new AssertionError(action);
      }
      assertThat(acked).isEqualTo(added.subList(0, acked.size()));
      assertThat(stream.pending()).isEqualTo(added.subList(acked.size(), added.size()));
      assertThat(stream.due(now).size()).isLessThanOrEqualTo(1);
    }
  }

  private static void record(AckResult result, List<StatusUpdate> acked) {
    if (result instanceof AckResult.Acknowledged a) acked.add(a.update());
  }
}
