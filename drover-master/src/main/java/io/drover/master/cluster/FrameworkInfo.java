package io.drover.master.cluster;

import io.drover.master.allocator.FrameworkCapability;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The parts of {@code FrameworkInfo} the core decides with.
 *
 * @param id null on a first SUBSCRIBE; the framework's id on a resubscription
 * @param roles at least one; several need {@link FrameworkCapability#MULTI_ROLE}
 * @param failoverTimeoutSeconds how long a disconnected framework keeps its tasks (Mesos default 0)
 */
public record FrameworkInfo(String id, String name, String user, Set<String> roles,
    Set<FrameworkCapability> capabilities, double failoverTimeoutSeconds, boolean checkpoint) {
  public FrameworkInfo {
    Objects.requireNonNull(name, "name");
    roles = Set.copyOf(roles);
    capabilities = capabilities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(capabilities));
  }

  public boolean partitionAware() { return capabilities.contains(FrameworkCapability.PARTITION_AWARE); }

  public FrameworkInfo withId(String newId) {
    return new FrameworkInfo(newId, name, user, roles, capabilities, failoverTimeoutSeconds, checkpoint);
  }

  /** Failover timeout in millis: NaN or negative count as 0, huge values are capped. */
  public long failoverTimeoutMs() {
    double s = failoverTimeoutSeconds;
    if (Double.isNaN(s) || s <= 0) return 0;
    return s >= Long.MAX_VALUE / 2000.0 ? Long.MAX_VALUE / 2 : Math.round(s * 1000);
  }
}
