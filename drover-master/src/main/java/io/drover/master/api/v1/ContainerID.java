package io.drover.master.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/** Mesos {@code ContainerID}: JSON {@code {"value":"..."}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContainerID(String value) {
  public ContainerID {
    Objects.requireNonNull(value, "ContainerID.value");
  }
}
