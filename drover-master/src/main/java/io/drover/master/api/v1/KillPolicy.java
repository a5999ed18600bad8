package io.drover.master.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Mesos {@code KillPolicy}: {@code {"grace_period":{"nanoseconds":...}}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KillPolicy(DurationInfo gracePeriod) {}
