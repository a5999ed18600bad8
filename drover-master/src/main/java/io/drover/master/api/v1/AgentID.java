package io.drover.master.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/** Mesos {@code AgentID}: JSON {@code {"value":"..."}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentID(String value) {
  public AgentID {
    Objects.requireNonNull(value, "AgentID.value");
  }
}
