package io.drover.master.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/** Mesos {@code FrameworkID}: JSON {@code {"value":"..."}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FrameworkID(String value) {
  public FrameworkID {
    Objects.requireNonNull(value, "FrameworkID.value");
  }
}
