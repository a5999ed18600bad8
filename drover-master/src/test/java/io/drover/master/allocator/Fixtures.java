package io.drover.master.allocator;

import io.drover.common.random.Rng;
import io.drover.common.resources.Attributes;
import io.drover.common.resources.Resources;
import io.drover.common.resources.ResourcesParser;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Small builders shared by the allocator tests. */
final class Fixtures {
  private Fixtures() {}

  static Resources res(String text) { return ResourcesParser.parseResources(text); }

  static Allocator allocator(long seed) { return new Allocator(AllocatorConfig.defaults(), Rng.seeded(seed)); }

  static void agent(Allocator a, String id, String resources) {
    a.addAgent(id, "host-" + id, res(resources), Attributes.EMPTY);
  }

  static void framework(Allocator a, String id, String... roles) {
    a.addFramework(id, Set.of(roles),
        roles.length > 1 ? EnumSet.of(FrameworkCapability.MULTI_ROLE) : Set.of(), Set.of());
  }

  /** Accepts every offer completely, as a framework launching tasks on everything it gets. */
  static void acceptAll(Allocator a, List<Allocation> offers) {
    for (Allocation o : offers) a.allocated(o.frameworkId(), o.agentId(), o.role(), o.resources());
  }

  static void declineAll(Allocator a, List<Allocation> offers, double refuseSeconds, long nowMs) {
    for (Allocation o : offers) {
      a.recoverResources(o.frameworkId(), o.agentId(), o.role(), o.resources(), refuseSeconds, nowMs);
    }
  }

  /** Sum of offered resources per framework id. */
  static Map<String, Resources> byFramework(List<Allocation> offers) {
    Map<String, Resources> out = new TreeMap<>();
    for (Allocation o : offers) out.merge(o.frameworkId(), o.resources(), Resources::plus);
    return out;
  }

  static Map<String, Resources> byRole(List<Allocation> offers) {
    Map<String, Resources> out = new TreeMap<>();
    for (Allocation o : offers) out.merge(o.role(), o.resources(), Resources::plus);
    return out;
  }
}
