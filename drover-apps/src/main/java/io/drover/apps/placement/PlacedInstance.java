package io.drover.apps.placement;

import io.drover.master.api.v1.Attribute;
import java.util.List;
import java.util.Objects;

/**
 * An existing instance of the app, as constraints see it: where it runs. Pass only instances of the app's current
 * config version (Marathon ignores older ones so a new instance may land beside one about to be replaced), and not
 * lost or still-scheduled ones.
 *
 * @param region the agent's fault-domain region, or null
 * @param zone the agent's fault-domain zone, or null
 */
public record PlacedInstance(String agentId, String hostname, List<Attribute> attributes, String region,
    String zone) {
  public PlacedInstance {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(hostname, "hostname");
    attributes = attributes == null ? List.of() : List.copyOf(attributes);
  }
}
