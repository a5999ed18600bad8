package io.drover.master.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Mesos {@code Address}: {@code ip} is the dotted string here, unlike {@link MasterInfo#ip()}. Keys are written in
 * alphabetical order, as stout does (see {@link MasterInfo}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder(alphabetic = true)
public record Address(String hostname, String ip, int port) {}
