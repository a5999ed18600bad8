package io.drover.apps.model;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

final class TimestampTest {
  @Test
  void formatsWithMillisecondsAndZ() {
    Timestamp t = Timestamp.parse("2015-09-25T15:13:48.343Z").orElseThrow();
    assertThat(t).hasToString("2015-09-25T15:13:48.343Z");
    assertThat(Timestamp.ofEpochMs(0)).hasToString("1970-01-01T00:00:00.000Z");
    assertThat(Timestamp.ofEpochMs(1_443_194_028_343L)).isEqualTo(t);
  }

  @Test
  void parsesOffsetsAndTruncatesBelowMilliseconds() {
    assertThat(Timestamp.parse("2015-09-25T17:13:48.343+02:00").orElseThrow()).hasToString("2015-09-25T15:13:48.343Z");
    assertThat(Timestamp.parse("2015-09-25T15:13:48.343999Z").orElseThrow()).hasToString("2015-09-25T15:13:48.343Z");
    assertThat(Timestamp.parse("2015-09-25T15:13:48Z").orElseThrow()).hasToString("2015-09-25T15:13:48.000Z");
    assertThat(Timestamp.parse("yesterday")).isEmpty();
    assertThat(Timestamp.ofEpochMs(5).compareTo(Timestamp.ofEpochMs(7))).isNegative();
  }

  @Property
  void roundTrips(@ForAll @LongRange(min = 0, max = 253_402_300_799_000L) long ms) {
    Timestamp t = Timestamp.ofEpochMs(ms);
    assertThat(Timestamp.parse(t.toString())).contains(t);
  }
}
