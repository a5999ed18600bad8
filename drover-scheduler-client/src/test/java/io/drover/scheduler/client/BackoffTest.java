package io.drover.scheduler.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.common.random.Rng;
import java.time.Duration;
import org.junit.jupiter.api.Test;

final class BackoffTest {
  @Test void doublesFromInitialToTheCapWithJitterInTheUpperHalf() {
    Backoff b = Backoff.DEFAULT;
    assertThat(b.ceilingMs(0)).isEqualTo(1_000);
    assertThat(b.ceilingMs(1)).isEqualTo(2_000);
    assertThat(b.ceilingMs(3)).isEqualTo(8_000);
    assertThat(b.ceilingMs(4)).isEqualTo(15_000);
    assertThat(b.ceilingMs(1000)).isEqualTo(15_000);
    Rng rng = Rng.seeded(42);
    for (int attempt = 0; attempt < 10; attempt++) {
      for (int i = 0; i < 100; i++) {
        assertThat(b.delayMs(attempt, rng)).isBetween(b.ceilingMs(attempt) / 2, b.ceilingMs(attempt));
      }
    }
    assertThat(b.delayMs(5, Rng.seeded(9))).isEqualTo(b.delayMs(5, Rng.seeded(9))); // replays from the seed
  }

  @Test void rejectsNonsense() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 2)).hasMessageContaining("initial");
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 2)).hasMessageContaining("max");
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 0.5))
        .hasMessageContaining("multiplier");
  }
}
