package io.drover.master.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Mesos {@code Address}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Address(String hostname, String ip, int port) {}
