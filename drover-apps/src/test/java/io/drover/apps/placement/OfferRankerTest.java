package io.drover.apps.placement;

import static io.drover.apps.placement.Fixtures.rackAttr;
import static io.drover.apps.placement.Fixtures.simpleOffer;
import static org.assertj.core.api.Assertions.assertThat;

import io.drover.master.api.v1.ApiJson;
import io.drover.master.api.v1.Attribute;
import io.drover.master.api.v1.Offer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

final class OfferRankerTest {
  private static Offer rackOffer(String id, String agent, String rack) {
    return simpleOffer(id, agent, "host-" + agent, 4, 4096, 31000, 31099, rackAttr(rack));
  }

  private static PlacedInstance placed(String agent, String rack) {
    List<Attribute> attrs = Arrays.asList(ApiJson.read(rackAttr(rack), Attribute[].class));
    return new PlacedInstance(agent, "host-" + agent, attrs, null, null);
  }

  @Test
  void prefersAgentsWithFewestInstancesOfTheApp() {
    List<PlacedInstance> placed = List.of(placed("a1", "r1"), placed("a1", "r1"), placed("a2", "r1"));
    List<Offer> ranked = OfferRanker.defaults().rank(List.of(rackOffer("o1", "a1", "r1"), rackOffer("o2", "a2", "r1"),
        rackOffer("o3", "a3", "r1")), Fixtures.spec(100, 32), placed);
    assertThat(ranked).extracting(o -> o.id().value()).containsExactly("o3", "o2", "o1");
  }

  @Test
  void spreadsByGroupByFieldBeforeAgentCount() {
    PlacementSpec spec = Fixtures.spec(100, 32, List.of(),
        List.of(Constraint.of("rack", Constraint.Operator.GROUP_BY)));
    List<PlacedInstance> placed = List.of(placed("a1", "r1"), placed("a2", "r1"), placed("a3", "r2"));
    List<Offer> ranked = OfferRanker.defaults().rank(List.of(rackOffer("o4", "a4", "r1"), rackOffer("o5", "a5", "r2"),
        rackOffer("o6", "a6", "r3")), spec, placed);
    assertThat(ranked).extracting(o -> o.id().value()).containsExactly("o6", "o5", "o4");
  }

  @Test
  void tiesAreBrokenByOfferIdWhateverTheArrivalOrder() {
    List<Offer> offers = List.of(rackOffer("b", "a2", "r1"), rackOffer("a", "a1", "r1"), rackOffer("c", "a3", "r1"));
    assertThat(OfferRanker.defaults().rank(offers, Fixtures.spec(100, 32), List.of()))
        .extracting(o -> o.id().value()).containsExactly("a", "b", "c");
  }
}
