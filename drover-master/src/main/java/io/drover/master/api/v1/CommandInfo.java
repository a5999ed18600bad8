package io.drover.master.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Mesos {@code CommandInfo}. {@code shell} absent means true (proto default): {@code value} runs via
 * {@code /bin/sh -c}; with {@code shell=false}, {@code value} is the executable and {@code arguments} its argv.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandInfo(
    List<URI> uris, Environment environment, Boolean shell, String value, List<String> arguments, String user) {

  public boolean shellOrDefault() { return shell == null || shell; }

  /** {@code CommandInfo.URI}; {@code extract} absent means true (proto default). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record URI(String value, Boolean executable, Boolean extract, Boolean cache, String outputFile) {}
}
