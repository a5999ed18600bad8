package io.drover.master.api.v1;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Mesos {@code MasterInfo}. {@code ip} is the IPv4 address as a uint32 in network byte order read as a little-endian
 * integer (Mesos' quirk); carry it as a long so the full uint32 range fits. {@code domain} uninterpreted.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MasterInfo(
    String id,
    long ip,
    int port,
    String pid,
    String hostname,
    String version,
    Address address,
    JsonNode domain,
    List<Capability> capabilities) {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Capability(CapabilityType type) {}

  public enum CapabilityType {
    @JsonEnumDefaultValue UNKNOWN(0), AGENT_UPDATE(1), AGENT_DRAINING(2), QUOTA_V2(3);

    private final int number;

    CapabilityType(int number) { this.number = number; }

    public int number() { return number; }
  }
}
