package io.drover.scheduler.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
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
}
