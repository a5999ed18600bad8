package io.drover.master.api.v1;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Mesos {@code HealthCheck}. Absent timings mean the proto defaults: delay 15 s, interval 10 s, timeout 20 s,
 * 3 consecutive failures, grace period 10 s.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HealthCheck(
    Type type,
    HTTPCheckInfo http,
    TCPCheckInfo tcp,
    CommandInfo command,
    Double delaySeconds,
    Double intervalSeconds,
    Double timeoutSeconds,
    Integer consecutiveFailures,
    Double gracePeriodSeconds) {

  public enum Type {
    @JsonEnumDefaultValue UNKNOWN(0), COMMAND(1), HTTP(2), TCP(3);

    private final int number;

    Type(int number) { this.number = number; }

    public int number() { return number; }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record HTTPCheckInfo(
      NetworkInfo.Protocol protocol, String scheme, int port, String path, List<Integer> statuses) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TCPCheckInfo(NetworkInfo.Protocol protocol, int port) {}
}
