package io.drover.common.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResourcesTest {
  private static Resources parse(String s) { return ResourcesParser.parseResources(s); }

  @Test
  void scalarsAreExactMillis() {
    Resources r = parse("cpus:0.1").plus(parse("cpus:0.2"));
    assertThat(r.scalarMillis("cpus")).isEqualTo(300);
    assertThat(r).isEqualTo(parse("cpus:0.3"));
    assertThat(r.scalarValue("cpus")).isEqualTo(0.3);
    assertThat(parse("mem:8192").scalarMillis("mem")).isEqualTo(8_192_000);
  }

  @Test
  void plusAndMinusPerNameAndRole() {
    Resources total = parse("cpus:4;mem:1024;cpus(web):2;ports:[31000-32000]");
    Resources task = parse("cpus:1;mem:256;ports:[31000-31000]");
    Resources rest = total.minus(task);
    assertThat(rest).isEqualTo(parse("cpus:3;mem:768;cpus(web):2;ports:[31001-32000]"));
    assertThat(rest.plus(task)).isEqualTo(total);
    assertThat(total.scalarMillis("cpus")).isEqualTo(6000);
    assertThat(total.reservedFor("web")).isEqualTo(parse("cpus(web):2"));
    assertThat(total.unreserved()).isEqualTo(parse("cpus:4;mem:1024;ports:[31000-32000]"));
  }

  @Test
  void zeroEntriesVanish() {
    Resources r = parse("cpus:1;mem:10").minus(parse("cpus:1"));
    assertThat(r).isEqualTo(parse("mem:10"));
    assertThat(r.names()).containsExactly("mem");
    assertThat(parse("cpus:1").minus(parse("cpus:1")).isEmpty()).isTrue();
  }

  @Test
  void unreservedDoesNotContainReserved() {
    assertThat(parse("cpus:4").contains(parse("cpus(web):1"))).isFalse();
    assertThat(parse("cpus(web):4").contains(parse("cpus:1"))).isFalse();
    assertThat(parse("cpus(web):4").contains(parse("cpus(web):4"))).isTrue();
  }

  @Test
  void minusOfUncontainedFailsWithBothBags() {
    assertThatThrownBy(() -> parse("cpus:1").minus(parse("cpus:2")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot subtract cpus:2 from cpus:1: not contained");
    assertThatThrownBy(() -> parse("ports:[1-5]").minus(parse("ports:[5-6]")))
        .hasMessageContaining("not contained");
  }

  @Test
  void mixingTypesForOneNameIsRejected() {
    assertThatThrownBy(() -> parse("ports:[1-2]").plus(parse("ports:3")))
        .hasMessageContaining("'ports' is used both as RANGES and as SCALAR");
  }

  @Test
  void toStringIsMesosTextForm() {
    assertThat(parse("ports:[31000-32000];mem:8192;cpus(web):2;cpus:0.5;disks:{b,a}"))
        .hasToString("cpus:0.5; cpus(web):2; disks:{a, b}; mem:8192; ports:[31000-32000]");
    assertThat(Resources.EMPTY).hasToString("{}");
  }

  @Test
  void shrinkingCapsOnlyTheUnreservedScalar() {
    Resources r = parse("cpus:4;cpus(web):2;mem:100");
    assertThat(r.withUnreservedScalarAtMost("cpus", 1500)).isEqualTo(parse("cpus:1.5;cpus(web):2;mem:100"));
    assertThat(r.withUnreservedScalarAtMost("cpus", 0)).isEqualTo(parse("cpus(web):2;mem:100"));
    assertThat(r.withUnreservedScalarAtMost("cpus", 9000)).isSameAs(r);
  }

  @Test
  void rangesAndTotalsHelpers() {
    Resources r = parse("ports:[1-3];ports(web):[10-12];cpus:1;cpus(web):1");
    assertThat(r.ranges("ports")).isEqualTo(Ranges.of(java.util.List.of(new long[] {1, 3}, new long[] {10, 12})));
    assertThat(r.scalarTotals()).containsExactly(java.util.Map.entry("cpus", 2000L));
    assertThat(r.toUnreserved()).isEqualTo(parse("cpus:2;ports:[1-3,10-12]"));
  }
}
