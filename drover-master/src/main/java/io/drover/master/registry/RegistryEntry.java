package io.drover.master.registry;

import io.drover.master.cluster.AgentInfo;
import io.drover.master.cluster.AgentStatus;
import java.util.Objects;
import java.util.Optional;

/**
 * One agent in the stored registry: its status, what it last told the master about itself (absent when the agent
 * was only ever known by id, e.g. recovered after a failover and marked unreachable before it re-registered) and
 * when the status last changed ({@code timeMs}, the master's clock; GC ages unreachable and gone entries by it).
 */
public record RegistryEntry(String agentId, AgentStatus status, Optional<AgentInfo> info, long timeMs) {
  public RegistryEntry {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(info, "info");
  }
}
