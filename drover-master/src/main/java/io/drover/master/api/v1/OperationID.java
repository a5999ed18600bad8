package io.drover.master.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/** Mesos {@code OperationID}: JSON {@code {"value":"..."}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OperationID(String value) {
  public OperationID {
    Objects.requireNonNull(value, "OperationID.value");
  }
}
