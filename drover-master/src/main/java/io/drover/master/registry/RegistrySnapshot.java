package io.drover.master.registry;

import io.drover.master.allocator.Quota;
import io.drover.master.cluster.Command;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The registry as {@link RegistryStore#load()} read it. {@code admitted} holds agents stored as
 * {@link io.drover.master.cluster.AgentStatus#REGISTERED} or {@code RECOVERED}; {@code unreachable} and {@code gone}
 * the others. Each list is sorted by agent id. {@code weights} maps role to weight (roles at the default 1.0 are
 * usually absent); {@code quotas} maps role to its quota (never {@link Quota#NONE}).
 */
public record RegistrySnapshot(List<RegistryEntry> admitted, List<RegistryEntry> unreachable, List<RegistryEntry> gone,
    Map<String, Double> weights, Map<String, Quota> quotas) {
  public static final RegistrySnapshot EMPTY = new RegistrySnapshot(List.of(), List.of(), List.of(), Map.of(), Map.of());

  public RegistrySnapshot {
    admitted = List.copyOf(admitted);
    unreachable = List.copyOf(unreachable);
    gone = List.copyOf(gone);
    weights = Map.copyOf(new TreeMap<>(weights));
    quotas = Map.copyOf(new TreeMap<>(quotas));
  }

  /** The command that hands this registry's agents to a fresh cluster core after failover. */
  public Command.RecoverRegistry toRecoverRegistry(long nowMs) {
    return new Command.RecoverRegistry(ids(admitted), ids(unreachable), ids(gone), nowMs);
  }

  /** The entry for {@code agentId} in any of the three lists. */
  public Optional<RegistryEntry> agent(String agentId) {
    return Stream.of(admitted, unreachable, gone).flatMap(List::stream)
        .filter(e -> e.agentId().equals(agentId)).findFirst();
  }

  public boolean isEmpty() {
    return admitted.isEmpty() && unreachable.isEmpty() && gone.isEmpty() && weights.isEmpty() && quotas.isEmpty();
  }

  private static List<String> ids(List<RegistryEntry> entries) {
    return entries.stream().map(RegistryEntry::agentId).toList();
  }
}
