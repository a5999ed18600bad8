package io.drover.apps.placement;

import io.drover.common.random.Rng;
import io.drover.master.api.v1.ApiJson;
import io.drover.master.api.v1.Offer;
import java.util.List;
import java.util.Set;

/** Test helpers: literal v1 offers and placement specs. */
final class Fixtures {
  private Fixtures() {}

  static final long NOW = 1_700_000_000_000L;

  static Offer offer(String json) { return ApiJson.read(json, Offer.class); }

  static Rng rng() { return Rng.seeded(42); }

  /** A plain offer of unreserved resources allocated to "*". */
  static Offer simpleOffer(String id, String agent, String host, double cpus, double mem, long portBegin,
      long portEnd, String attributesJson) {
    return offer("""
        {"id":{"value":"%s"},"framework_id":{"value":"fw"},"agent_id":{"value":"%s"},"hostname":"%s",
         "allocation_info":{"role":"*"},
         "resources":[
          {"name":"cpus","type":"SCALAR","scalar":{"value":%s},"allocation_info":{"role":"*"}},
          {"name":"mem","type":"SCALAR","scalar":{"value":%s},"allocation_info":{"role":"*"}},
          {"name":"disk","type":"SCALAR","scalar":{"value":1000},"allocation_info":{"role":"*"}},
          {"name":"ports","type":"RANGES","ranges":{"range":[{"begin":%d,"end":%d}]},"allocation_info":{"role":"*"}}
         ],
         "attributes":%s}
        """.formatted(id, agent, host, cpus, mem, portBegin, portEnd, attributesJson));
  }

  static Offer simpleOffer(String id, String agent, String host) {
    return simpleOffer(id, agent, host, 4, 4096, 31000, 31099, "[]");
  }

  static PlacementSpec spec(long cpusMillis, long memMb, List<PortRequest> ports, List<Constraint> constraints) {
    return new PlacementSpec("/app", "2024-01-01T00:00:00.000Z", 10, cpusMillis, memMb, 0, 0, Set.of(), ports,
        constraints, "*");
  }

  static PlacementSpec spec(long cpusMillis, long memMb) { return spec(cpusMillis, memMb, List.of(), List.of()); }

  static String rackAttr(String rack) {
    return "[{\"name\":\"rack\",\"type\":\"TEXT\",\"text\":{\"value\":\"" + rack + "\"}}]";
  }
}
