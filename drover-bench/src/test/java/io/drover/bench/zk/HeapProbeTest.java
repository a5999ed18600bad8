package io.drover.bench.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HeapProbeTest {
  @Test void parsesTheWholeHeapUsedFigureOfG1OnJdk25() {
    String out = """
        15424:
        garbage-first heap   total reserved 65536K, committed 55296K, used 41409K [0x00000000fc000000, 0x0000000100000000)
         region size 1024K, 9 young (9216K), 3 survivors (3072K)
        """;
    assertThat(HeapProbe.parseUsedBytes(out)).isEqualTo(41409L * 1024);
  }

  @Test void parsesTheOlderFormatAndLargerUnits() {
    assertThat(HeapProbe.parseUsedBytes(" garbage-first heap   total 1048576K, used 2048K [0x0")).isEqualTo(2048L * 1024);
    assertThat(HeapProbe.parseUsedBytes("heap total 2G, used 3M")).isEqualTo(3L * 1024 * 1024);
  }

  @Test void rejectsOutputWithoutAUsedFigure() {
    assertThatThrownBy(() -> HeapProbe.parseUsedBytes("1234:\nCommand executed successfully"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GC.heap_info");
  }

  @Test void scalesTheDifferenceToMegabytesPer100kZnodes() {
    HeapProbe.HeapUsage h = new HeapProbe.HeapUsage(50_000, 100, 10L << 20, 30L << 20);
    assertThat(h.mbPer100kZnodes()).isCloseTo(40.0, within(1e-9));
  }
}
