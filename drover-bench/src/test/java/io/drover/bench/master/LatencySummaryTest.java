package io.drover.bench.master;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {
  @Test void percentilesAreNearestRankSamples() {
    double[] sorted = {1, 2, 3, 4};
    assertThat(LatencySummary.percentile(sorted, 0.50)).isEqualTo(2);
    assertThat(LatencySummary.percentile(sorted, 0.75)).isEqualTo(3);
    assertThat(LatencySummary.percentile(sorted, 0.99)).isEqualTo(4);
    assertThat(LatencySummary.percentile(sorted, 1.0)).isEqualTo(4);
  }

  @Test void summarisesAHundredSamplesRegardlessOfOrder() {
    double[] samples = new double[100];
    for (int i = 0; i < 100; i++) samples[i] = 100 - i; // 100 down to 1
    LatencySummary s = LatencySummary.ofMs(samples);
    assertThat(s).isEqualTo(new LatencySummary(100, 50, 90, 99, 100));
    assertThat(samples[0]).as("input left unsorted").isEqualTo(100);
  }

  @Test void oneSampleIsEveryPercentile() {
    assertThat(LatencySummary.ofMs(List.of(7.5))).isEqualTo(new LatencySummary(1, 7.5, 7.5, 7.5, 7.5));
  }

  @Test void refusesAnEmptySampleAndBadQuantiles() {
    assertThatThrownBy(() -> LatencySummary.ofMs(new double[0])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LatencySummary.percentile(new double[] {1}, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LatencySummary.percentile(new double[] {1}, 1.5)).isInstanceOf(IllegalArgumentException.class);
  }
}
