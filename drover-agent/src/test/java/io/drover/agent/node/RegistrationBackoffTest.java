package io.drover.agent.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.common.random.Rng;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

final class RegistrationBackoffTest {
  @Property void delaysStayWithinHalfToFullOfADoublingCappedBound(@ForAll long seed) {
    RegistrationBackoff b = new RegistrationBackoff(1_000, 60_000, Rng.seeded(seed));
    long bound = 1_000;
    for (int i = 0; i < 12; i++) {
      long delay = b.nextDelayMs();
      assertThat(delay).isBetween(bound / 2, bound);
      bound = Math.min(60_000, bound * 2);
      assertThat(b.boundMs()).isEqualTo(bound);
    }
    assertThat(b.boundMs()).isEqualTo(60_000);
  }

  @Test void resetStartsOverAtTheInitialBound() {
    RegistrationBackoff b = new RegistrationBackoff(1_000, 60_000, Rng.seeded(1));
    b.nextDelayMs();
    b.nextDelayMs();
    assertThat(b.boundMs()).isEqualTo(4_000);
    b.reset();
    assertThat(b.boundMs()).isEqualTo(1_000);
    assertThat(b.nextDelayMs()).isBetween(500L, 1_000L);
  }

  @Test void jitterSpreadsDelays() {
    RegistrationBackoff a = new RegistrationBackoff(1_000, 60_000, Rng.seeded(1));
    RegistrationBackoff b = new RegistrationBackoff(1_000, 60_000, Rng.seeded(2));
    long same = 0;
    for (int i = 0; i < 20; i++) {
      a.reset();
      b.reset();
      if (a.nextDelayMs() == b.nextDelayMs()) same++;
    }
    assertThat(same).isLessThan(5);
  }

  @Test void rejectsBadBounds() {
    assertThatThrownBy(() -> new RegistrationBackoff(1, 10, Rng.seeded(1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RegistrationBackoff(100, 10, Rng.seeded(1))).isInstanceOf(IllegalArgumentException.class);
  }
}
