package io.drover.common.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ResourcesPropertiesTest {
  @Provide
  Arbitrary<Ranges> ranges() {
    Arbitrary<long[]> interval = Combinators.combine(Arbitraries.longs().between(0, 200),
        Arbitraries.longs().between(0, 20)).as((b, len) -> new long[] {b, b + len});
    return interval.list().ofMaxSize(8).map(Ranges::of);
  }

  @Provide
  Arbitrary<Resources> bags() {
    Arbitrary<Resource> scalar = Combinators.combine(Arbitraries.of("cpus", "mem", "disk"),
        Arbitraries.of("*", "web", "a/b"), Arbitraries.longs().between(0, 100_000))
        .as((n, role, m) -> new Resource(n, role, new Scalar(m)));
    Arbitrary<Resource> ports = Combinators.combine(Arbitraries.of("*", "web"), ranges())
        .as((role, r) -> new Resource("ports", role, r));
    return Arbitraries.oneOf(scalar, ports).list().ofMaxSize(8).map(Resources::of);
  }

  /** A random sub-bag of {@code a}: each scalar halved-ish, each range set partly dropped. */
  private static Resources subBag(Resources a, long seed) {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
    List<Resource> out = new ArrayList<>();
    for (Resource r : a.toList()) {
      switch (r.value()) {
        case Scalar s -> out.add(new Resource(r.name(), r.role(), new Scalar(rnd.nextLong(s.millis() + 1))));
        case Ranges rg -> {
          List<long[]> keep = new ArrayList<>();
          for (long[] iv : rg.intervals()) {
            long b = iv[0] + rnd.nextLong(iv[1] - iv[0] + 1);
            long e = b + rnd.nextLong(iv[1] - b + 1);
            if (rnd.nextBoolean()) keep.add(new long[] {b, e});
          }
          out.add(new Resource(r.name(), r.role(), Ranges.of(keep)));
        }
        case ItemSet set -> out.add(r);
      }
    }
    return Resources.of(out);
  }

  @Property
  void minusThenPlusRestores(@ForAll("bags") Resources a, @ForAll long seed) {
    Resources b = subBag(a, seed);
    assertThat(a.contains(b)).isTrue();
    assertThat(a.minus(b).plus(b)).isEqualTo(a);
    assertThat(a.minus(b).contains(a)).isEqualTo(b.isEmpty());
  }

  @Property
  void plusIsCommutativeAndContainsBoth(@ForAll("bags") Resources a, @ForAll("bags") Resources b) {
    assertThat(a.plus(b)).isEqualTo(b.plus(a));
    assertThat(a.plus(b).contains(a)).isTrue();
    assertThat(a.plus(b).contains(b)).isTrue();
  }

  @Property
  void textFormRoundTrips(@ForAll("bags") Resources a) {
    String text = a.toString().replace("; ", ";").replace(", ", ",");
    assertThat(a.isEmpty() ? Resources.EMPTY : ResourcesParser.parseResources(text)).isEqualTo(a);
  }

  @Property
  void rangesStayNormalised(@ForAll("ranges") Ranges a, @ForAll("ranges") Ranges b) {
    for (Ranges r : List.of(a.plus(b), a.minus(b), b.minus(a))) {
      for (int i = 0; i < r.intervalCount(); i++) {
        assertThat(r.begin(i)).isLessThanOrEqualTo(r.end(i));
        if (i > 0) assertThat(r.begin(i)).isGreaterThan(r.end(i - 1) + 1);
      }
    }
    assertThat(a.plus(b).count()).isEqualTo(a.count() + b.minus(a).count());
    assertThat(a.minus(b).plus(b)).isEqualTo(a.plus(b));
    assertThat(a.contains(a.minus(b))).isTrue();
  }

  @Property
  void rangesMembershipMatchesSetSemantics(@ForAll("ranges") Ranges a, @ForAll("ranges") Ranges b) {
    for (long v = 0; v <= 225; v++) {
      assertThat(a.plus(b).contains(v)).isEqualTo(a.contains(v) || b.contains(v));
      assertThat(a.minus(b).contains(v)).isEqualTo(a.contains(v) && !b.contains(v));
    }
  }
}
