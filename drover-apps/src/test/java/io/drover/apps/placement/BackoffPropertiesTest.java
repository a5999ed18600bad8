package io.drover.apps.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.common.mesos.TaskState;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The launch delay stays in [backoff, max], only grows between resets, and resets as specified. */
final class BackoffPropertiesTest {
  enum Kind { FAILED, FINISHED, KILLED, RESET, NEW_VERSION }

  record Step(Kind kind, long advanceMs) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.longs().between(0, 400_000))
        .as(Step::new).list().ofMaxSize(40);
  }

  @Provide
  Arbitrary<BackoffPolicy> policies() {
    return Combinators.combine(Arbitraries.longs().between(0, 60), Arbitraries.doubles().between(1.0, 3.0),
        Arbitraries.longs().between(0, 600)).as(BackoffPolicy::new);
  }

  @Property(tries = 500)
  void delayIsMonotoneWithinBoundsAndResets(@ForAll("steps") List<Step> steps, @ForAll("policies") BackoffPolicy p) {
    LaunchQueue q = LaunchQueue.defaults();
    int version = 0;
    long now = 0;
    q.add("/a", v(version), "*", p, 1, now);
    Optional<LaunchDelay> before = Optional.empty();
    long lowest = Math.min(p.backoffMs(), p.maxLaunchDelayMs());
    for (Step s : steps) {
      now += s.advanceMs();
      Optional<LaunchDelay> current = q.delay("/a", now);
      // Expiry: a delay survives only until delay + max after its last failure.
      if (before.isPresent() && current.isEmpty()) {
        assertThat(now).isGreaterThan(before.get().referenceMs() + before.get().currentDelayMs() + p.maxLaunchDelayMs());
      }
      switch (s.kind()) {
        case FAILED, FINISHED -> q.taskTerminated("/a", v(version),
            s.kind() == Kind.FAILED ? TaskState.TASK_FAILED : TaskState.TASK_FINISHED, p, now);
        case KILLED -> q.taskTerminated("/a", v(version), TaskState.TASK_KILLED, p, now);
        case RESET -> q.resetDelay("/a");
        case NEW_VERSION -> q.add("/a", v(++version), "*", p, 1, now);
      }
      Optional<LaunchDelay> after = q.delay("/a", now);
      switch (s.kind()) {
        case FAILED, FINISHED -> {
          assertThat(after).isPresent();
          long d = after.get().currentDelayMs();
          assertThat(d).isBetween(lowest, p.maxLaunchDelayMs());
          if (current.isPresent()) assertThat(d).isGreaterThanOrEqualTo(current.get().currentDelayMs());
          else assertThat(d).isEqualTo(lowest);
          assertThat(after.get().referenceMs()).isEqualTo(now);
        }
        case KILLED -> assertThat(after).isEqualTo(current);
        case RESET, NEW_VERSION -> assertThat(after).isEmpty();
      }
      before = after;
    }
  }

  private static String v(int n) { return "2024-01-01T00:00:%02d.000Z".formatted(n % 60) + "#" + (1000 + n); }
}
