package io.drover.master.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Mesos {@code DurationInfo}: {@code {"nanoseconds":10000000000}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DurationInfo(long nanoseconds) {}
