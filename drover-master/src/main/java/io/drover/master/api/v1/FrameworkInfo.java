package io.drover.master.api.v1;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Mesos {@code FrameworkInfo}. Absent {@code failover_timeout} means 0 and absent {@code checkpoint} false (proto
 * defaults). {@code role} is deprecated: MULTI_ROLE frameworks use {@code roles}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FrameworkInfo(
    String user,
    String name,
    FrameworkID id,
    Double failoverTimeout,
    Boolean checkpoint,
    String role,
    List<String> roles,
    String hostname,
    String principal,
    String webuiUrl,
    List<Capability> capabilities,
    Labels labels,
    Map<String, OfferFilters> offerFilters) {

  public boolean hasCapability(CapabilityType type) {
    return capabilities != null && capabilities.stream().anyMatch(c -> c.type() == type);
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Capability(CapabilityType type) {}

  public enum CapabilityType {
    @JsonEnumDefaultValue UNKNOWN(0),
    REVOCABLE_RESOURCES(1),
    TASK_KILLING_STATE(2),
    GPU_RESOURCES(3),
    SHARED_RESOURCES(4),
    PARTITION_AWARE(5),
    MULTI_ROLE(6),
    RESERVATION_REFINEMENT(7),
    REGION_AWARE(8);

    private final int number;

    CapabilityType(int number) { this.number = number; }

    public int number() { return number; }
  }

  /** {@code OfferFilters}: per-role minimum allocatable resources. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record OfferFilters(MinAllocatableResources minAllocatableResources) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record MinAllocatableResources(List<ResourceQuantities> quantities) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ResourceQuantities(Map<String, Value.Scalar> quantities) {}
}
