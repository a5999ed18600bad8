package io.drover.master.api.v1;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Mesos {@code NetworkInfo}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NetworkInfo(
    List<IPAddress> ipAddresses, String name, List<String> groups, Labels labels, List<PortMapping> portMappings) {

  public enum Protocol {
    @JsonEnumDefaultValue UNKNOWN(0), IPv4(1), IPv6(2);

    private final int number;

    Protocol(int number) { this.number = number; }

    public int number() { return number; }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record IPAddress(Protocol protocol, String ipAddress) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PortMapping(int hostPort, int containerPort, String protocol) {}
}
