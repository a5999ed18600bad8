package io.drover.bench.swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SpreadTest {
  @Test void medianOfAnOddCountIsTheMiddleSample() {
    assertThat(Spread.ofMs(List.of(30.0, 10.0, 20.0))).isEqualTo(new Spread(3, 20, 10, 30));
  }

  @Test void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertThat(Spread.ofMs(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(new Spread(4, 2.5, 1, 4));
  }

  @Test void ratioIsOfMedians() {
    Spread drover = Spread.ofMs(List.of(500.0));
    Spread swarm = Spread.ofMs(List.of(900.0, 1000.0, 5000.0));
    assertThat(drover.ratioTo(swarm)).isEqualTo(0.5);
  }

  @Test void refusesNoSamples() {
    assertThatThrownBy(() -> Spread.ofMs(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Property void medianLiesBetweenMinAndMax(@ForAll @Size(min = 1, max = 20) List<@DoubleRange(min = 0, max = 1e6) Double> xs) {
    Spread s = Spread.ofMs(xs);
    assertThat(s.minMs()).isLessThanOrEqualTo(s.medianMs());
    assertThat(s.medianMs()).isLessThanOrEqualTo(s.maxMs());
    assertThat(s.count()).isEqualTo(xs.size());
  }
}
