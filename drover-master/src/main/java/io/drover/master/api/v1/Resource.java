package io.drover.master.api.v1;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Mesos {@code Resource} JSON. {@code role} is deprecated (tolerated absent); reservations are the
 * {@code reservations} stack. {@code disk}, {@code revocable}, {@code shared} and {@code provider_id} are kept
 * uninterpreted so they survive a round trip.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Resource(
    JsonNode providerId,
    String name,
    Value.Type type,
    Value.Scalar scalar,
    Value.Ranges ranges,
    Value.Set set,
    String role,
    AllocationInfo allocationInfo,
    ReservationInfo reservation,
    List<ReservationInfo> reservations,
    JsonNode disk,
    JsonNode revocable,
    JsonNode shared) {

  /** A plain resource: name, type and the matching payload. */
  public static Resource scalar(String name, double value) {
    return new Resource(null, name, Value.Type.SCALAR, new Value.Scalar(value), null, null, null, null, null, null,
        null, null, null);
  }

  /** {@code Resource.AllocationInfo}: the role the resource is allocated to. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AllocationInfo(String role) {}

  /** {@code Resource.ReservationInfo}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ReservationInfo(ReservationType type, String role, String principal, Labels labels) {}

  public enum ReservationType {
    @JsonEnumDefaultValue UNKNOWN(0), STATIC(1), DYNAMIC(2);

    private final int number;

    ReservationType(int number) { this.number = number; }

    public int number() { return number; }
  }
}
