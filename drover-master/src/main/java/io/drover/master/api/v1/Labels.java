package io.drover.master.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Mesos {@code Labels}: {@code {"labels":[{"key":"k","value":"v"}]}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Labels(List<Label> labels) {
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Label(String key, String value) {}
}
