package io.drover.master.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Mesos {@code TimeInfo}: nanoseconds since the epoch. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TimeInfo(long nanoseconds) {}
