package io.drover.master.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/** Mesos {@code ExecutorID}: JSON {@code {"value":"..."}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExecutorID(String value) {
  public ExecutorID {
    Objects.requireNonNull(value, "ExecutorID.value");
  }
}
