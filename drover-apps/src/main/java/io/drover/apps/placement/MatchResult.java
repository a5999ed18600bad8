package io.drover.apps.placement;

import io.drover.master.api.v1.AgentID;
import io.drover.master.api.v1.Resource;
import java.util.List;

/** The outcome of matching one offer against one instance of an app. */
public sealed interface MatchResult {

  /**
   * The offer fits.
   *
   * @param agentId the agent to launch on
   * @param hostname the agent's hostname ({@code $HOST})
   * @param resources the exact v1 resources to put in the TaskInfo: pieces of the offer's own entries (same role,
   *     reservations and {@code allocation_info}), scalars cut to what the app asked, ports as ranges
   * @param hostPorts one entry per {@link PlacementSpec#ports()}, in order: the chosen host port, or 0 for a
   *     {@link PortRequest.NoHostPort}
   * @param placement the new instance as constraints will see it (for the next instance of the same offer)
   */
  record Match(AgentID agentId, String hostname, List<Resource> resources, List<Integer> hostPorts,
      PlacedInstance placement) implements MatchResult {
    public Match {
      resources = List.copyOf(resources);
      hostPorts = List.copyOf(hostPorts);
    }
  }

  /** The offer does not fit; {@code reasons} is non-empty, distinct and in {@link Reason} (funnel) order. */
  record NoMatch(List<Reason> reasons) implements MatchResult {
    public NoMatch {
      reasons = reasons.stream().distinct().sorted().toList();
      if (reasons.isEmpty()) throw new IllegalArgumentException("a NoMatch needs at least one reason");
    }

    /** The one reason statistics count: the first in funnel order. */
    public Reason primary() { return reasons.getFirst(); }
  }
}
