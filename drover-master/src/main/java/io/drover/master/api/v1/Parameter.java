package io.drover.master.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Mesos {@code Parameter}: a key/value pair (e.g. extra {@code docker run} options). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Parameter(String key, String value) {}
