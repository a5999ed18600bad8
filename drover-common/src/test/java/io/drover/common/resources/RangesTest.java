package io.drover.common.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RangesTest {
  private static Ranges r(long... bounds) {
    List<long[]> list = new java.util.ArrayList<>();
    for (int i = 0; i < bounds.length; i += 2) list.add(new long[] {bounds[i], bounds[i + 1]});
    return Ranges.of(list);
  }

  @Test
  void overlappingAndAdjacentIntervalsMerge() {
    assertThat(r(5, 7, 1, 3, 4, 4, 10, 12, 11, 20)).isEqualTo(r(1, 7, 10, 20));
    assertThat(r(1, 3, 4, 6).intervalCount()).isEqualTo(1);
    assertThat(r(1, 3, 5, 6).intervalCount()).isEqualTo(2);
  }

  @Test
  void subtractSplitsIntervals() {
    Ranges ports = r(31000, 32000);
    Ranges rest = ports.minus(r(31000, 31000, 31500, 31600, 32000, 32000));
    assertThat(rest).isEqualTo(r(31001, 31499, 31601, 31999));
    assertThat(rest.count()).isEqualTo(1001 - 1 - 101 - 1);
    assertThat(rest.toString()).isEqualTo("[31001-31499, 31601-31999]");
  }

  @Test
  void subtractIgnoresValuesNotPresent() {
    assertThat(r(10, 20).minus(r(0, 5, 15, 30))).isEqualTo(r(10, 14));
    assertThat(r(10, 20).minus(r(0, 100))).isEqualTo(Ranges.EMPTY);
  }

  @Test
  void containsChecksEveryInterval() {
    Ranges ports = r(1, 10, 20, 30);
    assertThat(ports.contains(r(2, 3, 25, 30))).isTrue();
    assertThat(ports.contains(r(9, 21))).isFalse();
    assertThat(ports.contains(r(31, 31))).isFalse();
    assertThat(ports.contains(Ranges.EMPTY)).isTrue();
    assertThat(ports.contains(20)).isTrue();
    assertThat(ports.contains(15)).isFalse();
  }

  @Test
  void rejectsInvertedOrNegativeIntervals() {
    assertThatThrownBy(() -> Ranges.of(5, 4)).hasMessageContaining("begin after end");
    assertThatThrownBy(() -> Ranges.of(-1, 4)).hasMessageContaining("negative");
  }
}
