package io.drover.master.allocator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DrfSorterTest {
  private static DrfSorter sorter(boolean hierarchical, String... clients) {
    DrfSorter s = new DrfSorter(hierarchical, Set.of("disk"));
    s.setTotals(Map.of("cpus", 10_000L, "mem", 100_000L, "disk", 1_000L));
    for (String c : clients) s.add(c);
    return s;
  }

  @Test
  void lowestDominantShareFirst() {
    DrfSorter s = sorter(false, "a", "b", "c");
    s.allocated("a", Map.of("cpus", 3000L, "mem", 10_000L));  // dominant: cpus 0.3
    s.allocated("b", Map.of("cpus", 1000L, "mem", 50_000L));  // dominant: mem 0.5
    s.allocated("c", Map.of("cpus", 2000L));                  // 0.2
    assertThat(s.sort()).containsExactly("c", "a", "b");
    assertThat(s.share("b")).isEqualTo(0.5);
  }

  @Test
  void excludedKindsAndRangesDoNotCount() {
    DrfSorter s = sorter(false, "a", "b");
    s.allocated("a", Map.of("disk", 1_000L, "cpus", 1000L));
    s.allocated("b", Map.of("cpus", 2000L));
    assertThat(s.share("a")).isEqualTo(0.1);
    assertThat(s.sort()).containsExactly("a", "b");
  }

  @Test
  void tiesBreakByAllocationCountThenName() {
    DrfSorter s = sorter(false, "b", "a", "c");
    s.allocated("a", Map.of("cpus", 1000L));
    s.unallocated("a", Map.of("cpus", 1000L));
    assertThat(s.sort()).containsExactly("b", "c", "a");
  }

  @Test
  void weightDividesTheShare() {
    DrfSorter s = sorter(false, "a", "b");
    s.setWeight("a", 2.0);
    s.allocated("a", Map.of("cpus", 3000L));
    s.allocated("b", Map.of("cpus", 2000L));
    assertThat(s.sort()).containsExactly("a", "b");
    assertThat(s.share("a")).isEqualTo(0.15);
    assertThatThrownBy(() -> s.setWeight("a", 0)).hasMessageContaining("weight must be > 0");
  }

  @Test
  void hierarchySortsSubtreesFirst() {
    DrfSorter s = sorter(true, "eng/x", "eng/y", "ops");
    s.allocated("eng/x", Map.of("cpus", 3000L));
    s.allocated("ops", Map.of("cpus", 2000L));
    // eng (0.3) is behind ops (0.2), even though eng/y alone has nothing.
    assertThat(s.sort()).containsExactly("ops", "eng/y", "eng/x");
    assertThat(s.allocation("eng")).containsEntry("cpus", 3000L);
  }

  @Test
  void aRoleWithClientsAndChildrenCompetesThroughItsOwnAllocation() {
    DrfSorter s = sorter(true, "eng", "eng/x");
    s.allocated("eng", Map.of("cpus", 1000L));
    s.allocated("eng/x", Map.of("cpus", 500L));
    assertThat(s.sort()).containsExactly("eng/x", "eng");
  }

  @Test
  void removedClientsLeaveTheOrderButKeepAllocationsUntilUnallocated() {
    DrfSorter s = sorter(true, "a/b", "c");
    s.allocated("a/b", Map.of("cpus", 1000L));
    s.remove("a/b");
    assertThat(s.sort()).containsExactly("c");
    assertThat(s.share("a")).isEqualTo(0.1);
    s.unallocated("a/b", Map.of("cpus", 1000L));
    assertThat(s.share("a")).isZero();
  }
}
