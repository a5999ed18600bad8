package io.drover.apps.placement;

import static io.drover.apps.placement.Fixtures.offer;
import static io.drover.apps.placement.Fixtures.rackAttr;
import static io.drover.apps.placement.Fixtures.simpleOffer;
import static org.assertj.core.api.Assertions.assertThat;

import io.drover.apps.placement.Constraint.Operator;
import io.drover.master.api.v1.ApiJson;
import io.drover.master.api.v1.Attribute;
import io.drover.master.api.v1.Offer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ConstraintsTest {

  private static Offer rackOffer(String host, String rack) {
    return simpleOffer("o-" + host, "a-" + host, host, 4, 4096, 31000, 31099, rackAttr(rack));
  }

  private static PlacedInstance onRack(String host, String rack) {
    List<Attribute> attrs = Arrays.asList(ApiJson.read(rackAttr(rack), Attribute[].class));
    return new PlacedInstance("a-" + host, host, attrs, null, null);
  }

  private static boolean meets(Offer o, String field, Operator op, String value, PlacedInstance... placed) {
    return Constraints.meets(new Constraint(field, op, value), o, List.of(placed));
  }

  @Test
  void uniqueOnHostnameAndAttribute() {
    Offer o = rackOffer("h1", "r1");
    assertThat(meets(o, "hostname", Operator.UNIQUE, null)).isTrue();
    assertThat(meets(o, "@hostname", Operator.UNIQUE, null, onRack("h1", "r2"))).isFalse();
    assertThat(meets(o, "hostname", Operator.UNIQUE, null, onRack("h2", "r1"))).isTrue();
    assertThat(meets(o, "rack", Operator.UNIQUE, null, onRack("h2", "r1"))).isFalse();
    assertThat(meets(o, "rack", Operator.UNIQUE, null, onRack("h2", "r2"))).isTrue();
  }

  @Test
  void clusterOnValueOrOnFirstSeen() {
    Offer o = rackOffer("h1", "r1");
    assertThat(meets(o, "rack", Operator.CLUSTER, "r1")).isTrue();
    assertThat(meets(o, "rack", Operator.CLUSTER, "r2")).isFalse();
    assertThat(meets(o, "rack", Operator.CLUSTER, null)).isTrue(); // nothing placed yet: this offer decides
    assertThat(meets(o, "rack", Operator.CLUSTER, null, onRack("h9", "r1"))).isTrue();
    assertThat(meets(o, "rack", Operator.CLUSTER, "", onRack("h9", "r2"))).isFalse();
  }

  @Test
  void groupBySpreadsAndWaitsForTheExpectedNumberOfGroups() {
    // No value: a new group is always fine; an existing group only when it is among the smallest.
    assertThat(meets(rackOffer("h1", "r1"), "rack", Operator.GROUP_BY, null, onRack("x", "r1"))).isTrue();
    assertThat(meets(rackOffer("h1", "r1"), "rack", Operator.GROUP_BY, null, onRack("x", "r1"), onRack("y", "r1"),
        onRack("z", "r2"))).isFalse();
    assertThat(meets(rackOffer("h1", "r2"), "rack", Operator.GROUP_BY, null, onRack("x", "r1"), onRack("y", "r1"),
        onRack("z", "r2"))).isTrue();
    // Value 3: the second instance in r1 waits until three racks are used.
    assertThat(meets(rackOffer("h1", "r1"), "rack", Operator.GROUP_BY, "3", onRack("x", "r1"))).isFalse();
    assertThat(meets(rackOffer("h1", "r2"), "rack", Operator.GROUP_BY, "3", onRack("x", "r1"))).isTrue();
    assertThat(meets(rackOffer("h1", "r1"), "rack", Operator.GROUP_BY, "3", onRack("x", "r1"), onRack("y", "r2"),
        onRack("z", "r3"))).isTrue();
    // An offer without the attribute fails.
    assertThat(meets(simpleOffer("o", "a", "h"), "rack", Operator.GROUP_BY, null)).isFalse();
  }

  @Test
  void likeAndUnlikeUseFullRegexMatchAndMissingAttributePassesOnlyUnlike() {
    Offer o = rackOffer("h1", "rack-12");
    assertThat(meets(o, "rack", Operator.LIKE, "rack-[0-9]+")).isTrue();
    assertThat(meets(o, "rack", Operator.LIKE, "rack")).isFalse(); // whole value, not a substring
    assertThat(meets(o, "rack", Operator.UNLIKE, "rack-1.")).isFalse();
    assertThat(meets(o, "rack", Operator.UNLIKE, "rack-2.")).isTrue();
    assertThat(meets(o, "hostname", Operator.LIKE, "h[0-9]")).isTrue();
    Offer bare = simpleOffer("o", "a", "h");
    assertThat(meets(bare, "rack", Operator.LIKE, ".*")).isFalse();
    assertThat(meets(bare, "rack", Operator.UNLIKE, "anything")).isTrue();
    assertThat(meets(o, "rack", Operator.LIKE, "([")).isFalse(); // an invalid regex places nothing
  }

  @Test
  void maxPerCountsInstancesPerValue() {
    Offer o = rackOffer("h1", "r1");
    assertThat(meets(o, "rack", Operator.MAX_PER, "2", onRack("x", "r1"))).isTrue();
    assertThat(meets(o, "rack", Operator.MAX_PER, "2", onRack("x", "r1"), onRack("y", "r1"))).isFalse();
    assertThat(meets(o, "rack", Operator.MAX_PER, "2", onRack("x", "r2"), onRack("y", "r2"))).isTrue();
    assertThat(meets(o, "rack", Operator.MAX_PER, "two")).isFalse();
  }

  @Test
  void isMatchesTextAndScalarsExactly() {
    Offer o = offer("""
        {"id":{"value":"o"},"agent_id":{"value":"a"},"hostname":"h",
         "attributes":[{"name":"os","type":"TEXT","text":{"value":"linux"}},
                       {"name":"level","type":"SCALAR","scalar":{"value":2.5}},
                       {"name":"big","type":"SCALAR","scalar":{"value":3}}]}
        """);
    assertThat(meets(o, "os", Operator.IS, "linux")).isTrue();
    assertThat(meets(o, "os", Operator.IS, "lin")).isFalse();
    assertThat(meets(o, "level", Operator.IS, "2.5")).isTrue();
    assertThat(meets(o, "level", Operator.IS, "2.50")).isTrue();
    assertThat(meets(o, "big", Operator.IS, "3.0")).isTrue();
    assertThat(meets(o, "big", Operator.IS, "3.1")).isFalse();
    assertThat(meets(o, "missing", Operator.IS, "x")).isFalse();
  }

  @Test
  void regionAndZoneComeFromTheFaultDomain() {
    Offer o = offer("""
        {"id":{"value":"o"},"agent_id":{"value":"a"},"hostname":"h",
         "domain":{"fault_domain":{"region":{"name":"us-east"},"zone":{"name":"us-east-1a"}}}}
        """);
    assertThat(meets(o, "@region", Operator.IS, "us-east")).isTrue();
    assertThat(meets(o, "@zone", Operator.UNIQUE, null,
        new PlacedInstance("b", "h2", List.of(), "us-east", "us-east-1a"))).isFalse();
    assertThat(meets(o, "@zone", Operator.UNIQUE, null,
        new PlacedInstance("b", "h2", List.of(), "us-east", "us-east-1b"))).isTrue();
    assertThat(meets(simpleOffer("o", "a", "h"), "@zone", Operator.LIKE, ".*")).isFalse();
  }

  @Test
  void attributeValuesAreFormattedAsMarathonDoes() {
    Offer o = offer("""
        {"id":{"value":"o"},"agent_id":{"value":"a"},"hostname":"h",
         "attributes":[{"name":"s","type":"SCALAR","scalar":{"value":1.1005}},
                       {"name":"t","type":"SCALAR","scalar":{"value":1.0005}},
                       {"name":"r","type":"RANGES","ranges":{"range":[{"begin":20,"end":30},{"begin":1,"end":5}]}},
                       {"name":"set","type":"SET","set":{"item":["b","a","c"]}},
                       {"name":"whole","type":"SCALAR","scalar":{"value":42.0}}]}
        """);
    List<String> values = new ArrayList<>();
    for (String name : List.of("s", "t", "r", "set", "whole")) values.add(Constraints.offerValue(name, o).orElseThrow());
    assertThat(values).containsExactly("1.101", "1", "[1-5,20-30]", "{a,b,c}", "42");
    assertThat(OfferView.formatScalar(1.00051)).isEqualTo("1.001");
  }
}
