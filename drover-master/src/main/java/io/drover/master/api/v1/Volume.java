package io.drover.master.api.v1;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/** Mesos {@code Volume}; {@code image} and {@code source} are kept uninterpreted. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Volume(Mode mode, String containerPath, String hostPath, JsonNode image, JsonNode source) {
  public enum Mode {
    @JsonEnumDefaultValue UNKNOWN(0), RW(1), RO(2);

    private final int number;

    Mode(int number) { this.number = number; }

    public int number() { return number; }
  }
}
