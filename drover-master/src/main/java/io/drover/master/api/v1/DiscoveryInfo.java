package io.drover.master.api.v1;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Mesos {@code DiscoveryInfo}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DiscoveryInfo(
    Visibility visibility,
    String name,
    String environment,
    String location,
    String version,
    Ports ports,
    Labels labels) {

  /** Proto numbers start at FRAMEWORK=0, so Drover's catch-all UNKNOWN is -1. */
  public enum Visibility {
    @JsonEnumDefaultValue UNKNOWN(-1), FRAMEWORK(0), CLUSTER(1), EXTERNAL(2);

    private final int number;

    Visibility(int number) { this.number = number; }

    public int number() { return number; }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Ports(List<Port> ports) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Port(int number, String name, String protocol, Visibility visibility, Labels labels) {}
}
