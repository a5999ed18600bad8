package io.drover.master.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Mesos {@code Filters}; an absent {@code refuse_seconds} means the proto default, 5 seconds. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Filters(Double refuseSeconds) {
  public static final double DEFAULT_REFUSE_SECONDS = 5.0;

  public double refuseSecondsOrDefault() { return refuseSeconds == null ? DEFAULT_REFUSE_SECONDS : refuseSeconds; }
}
