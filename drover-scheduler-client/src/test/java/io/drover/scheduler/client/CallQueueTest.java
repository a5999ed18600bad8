package io.drover.scheduler.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CallQueueTest {
  @Test void startsUpToTheBoundQueuesTheRestInOrderAndRefusesBeyondBoth() {
    List<String> started = new ArrayList<>();
    CallQueue<String> q = new CallQueue<>(2, 2, started::add);
    assertThat(q.submit("a")).isTrue();
    assertThat(q.submit("b")).isTrue();
    assertThat(q.submit("c")).isTrue();
    assertThat(q.submit("d")).isTrue();
    assertThat(q.submit("e")).isFalse();
    assertThat(started).containsExactly("a", "b");
    assertThat(q.inFlight()).isEqualTo(2);
    assertThat(q.waiting()).isEqualTo(2);

    q.done(); // a or b ended: c takes its place
    assertThat(started).containsExactly("a", "b", "c");
    assertThat(q.submit("e")).isTrue();
    q.done();
    q.done();
    q.done();
    assertThat(started).containsExactly("a", "b", "c", "d", "e");
    assertThat(q.inFlight()).isEqualTo(1);
    q.done();
    assertThat(q.inFlight()).isZero();
    assertThat(q.waiting()).isZero();
  }

  @Test void callsThatEndWhileStartingDoNotNestTheNextStarts() {
    // A call that fails at once (the subscription is gone) ends inside start; the waiting ones must then start one
    // after another, not each inside the last (100,000 of them would overflow the stack).
    List<Integer> started = new ArrayList<>();
    AtomicReference<CallQueue<Integer>> ref = new AtomicReference<>();
    CallQueue<Integer> q = new CallQueue<>(1, 200_000, call -> {
      started.add(call);
      if (call > 0) ref.get().done();
    });
    ref.set(q);
    assertThat(q.submit(0)).isTrue(); // stays in flight
    for (int i = 1; i <= 100_000; i++) assertThat(q.submit(i)).isTrue();

    q.done();
    assertThat(started).hasSize(100_001).startsWith(0, 1, 2).endsWith(99_999, 100_000);
    assertThat(q.inFlight()).isZero();
    assertThat(q.waiting()).isZero();
  }
}
