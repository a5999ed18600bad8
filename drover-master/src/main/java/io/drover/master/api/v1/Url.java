package io.drover.master.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Mesos {@code URL} (an offer's {@code url}: where the agent answers, e.g. {@code http://10.0.0.5:5051/slave(1)}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Url(String scheme, Address address, String path) {}
