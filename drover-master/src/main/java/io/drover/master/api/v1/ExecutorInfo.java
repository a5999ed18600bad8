package io.drover.master.api.v1;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Mesos {@code ExecutorInfo}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExecutorInfo(
    Type type,
    ExecutorID executorId,
    FrameworkID frameworkId,
    CommandInfo command,
    ContainerInfo container,
    List<Resource> resources,
    String name,
    String source,
    Bytes data,
    DiscoveryInfo discovery,
    DurationInfo shutdownGracePeriod,
    Labels labels) {

  public enum Type {
    @JsonEnumDefaultValue UNKNOWN(0), DEFAULT(1), CUSTOM(2);

    private final int number;

    Type(int number) { this.number = number; }

    public int number() { return number; }
  }
}
