package io.drover.master.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/** Mesos {@code TaskID}: JSON {@code {"value":"..."}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskID(String value) {
  public TaskID {
    Objects.requireNonNull(value, "TaskID.value");
  }
}
