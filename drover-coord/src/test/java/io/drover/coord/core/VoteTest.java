package io.drover.coord.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

final class VoteTest {
  private static final ZabConfig CONFIG = ZabConfig.of(1,
      Map.of(1L, Role.VOTER, 2L, Role.VOTER, 3L, Role.VOTER, 4L, Role.OBSERVER), 200, 10, 5);

  @Test
  void peerEpochThenZxidThenIdDecide() {
    assertThat(Vote.beats(CONFIG, new Vote(1, 5, 3), new Vote(3, 900, 2))).isTrue();
    assertThat(Vote.beats(CONFIG, new Vote(1, 6, 3), new Vote(3, 5, 3))).isTrue();
    assertThat(Vote.beats(CONFIG, new Vote(3, 5, 3), new Vote(2, 5, 3))).isTrue();
    assertThat(Vote.beats(CONFIG, new Vote(2, 5, 3), new Vote(3, 5, 3))).isFalse();
    assertThat(Vote.beats(CONFIG, new Vote(2, 5, 3), new Vote(2, 5, 3))).isFalse();
  }

  @Test
  void observersAndUnknownIdsNeverWin() {
    assertThat(Vote.beats(CONFIG, new Vote(4, 1000, 9), new Vote(1, 0, 0))).isFalse();
    assertThat(Vote.beats(CONFIG, new Vote(7, 1000, 9), Vote.NONE)).isFalse();
    assertThat(Vote.beats(CONFIG, new Vote(1, 0, 0), Vote.NONE)).isTrue();
  }

  @Property
  void orderIsStrictAndTotalAmongVoters(@ForAll @LongRange(min = 1, max = 3) long a, @ForAll @LongRange(max = 3) long za,
      @ForAll @LongRange(max = 2) long ea, @ForAll @LongRange(min = 1, max = 3) long b,
      @ForAll @LongRange(max = 3) long zb, @ForAll @LongRange(max = 2) long eb) {
    Vote x = new Vote(a, za, ea);
    Vote y = new Vote(b, zb, eb);
    boolean xy = Vote.beats(CONFIG, x, y);
    boolean yx = Vote.beats(CONFIG, y, x);
    assertThat(xy && yx).isFalse();
    assertThat(xy || yx).isEqualTo(!x.equals(y));
  }
}
