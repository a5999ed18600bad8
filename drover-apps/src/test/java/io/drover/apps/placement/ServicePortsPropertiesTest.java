package io.drover.apps.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** ServicePorts never hands out a port twice, whatever the sequence of assignments and removals. */
final class ServicePortsPropertiesTest {
  sealed interface Op {}

  record Assign(String app, List<Integer> ports) implements Op {}

  record Release(String app) implements Op {}

  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<String> apps = Arbitraries.of("/a", "/b", "/c", "/d");
    Arbitrary<Integer> port = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(10, 25));
    Arbitrary<Op> assign = Combinators.combine(apps, port.list().ofMaxSize(5)).as(Assign::new);
    Arbitrary<Op> release = apps.map(Release::new);
    return Arbitraries.frequencyOf(Tuple.of(4, assign), Tuple.of(1, release))
        .list().ofMaxSize(40);
  }

  @Property(tries = 500)
  void neverHandsOutAPortTwice(@ForAll("ops") List<Op> ops) {
    ServicePorts ports = new ServicePorts(10, 20);
    for (Op op : ops) {
      switch (op) {
        case Assign a -> {
          ServicePorts.Result r = ports.assign(a.app(), a.ports());
          if (r instanceof ServicePorts.Result.Assigned ok) {
            assertThat(ok.ports()).doesNotHaveDuplicates().hasSameSizeAs(a.ports());
            for (int i = 0; i < a.ports().size(); i++) {
              if (a.ports().get(i) != 0) assertThat(ok.ports().get(i)).isEqualTo(a.ports().get(i));
              else assertThat(ok.ports().get(i)).isBetween(10, 20);
            }
          }
        }
        case Release r -> ports.release(r.app());
      }
      List<Integer> all = new ArrayList<>();
      for (String app : List.of("/a", "/b", "/c", "/d")) {
        all.addAll(ports.portsOf(app));
        for (int p : ports.portsOf(app)) assertThat(ports.holderOf(p)).contains(app);
      }
      assertThat(all).doesNotHaveDuplicates();
      Set<Integer> held = new HashSet<>();
      for (int p = 0; p <= 30; p++) if (ports.holderOf(p).isPresent()) held.add(p);
      assertThat(held).containsExactlyInAnyOrderElementsOf(all);
    }
  }
}
