package io.drover.master.api.v1;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Mesos {@code Environment}: {@code {"variables":[{"name","value","type"}]}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Environment(List<Variable> variables) {
  /** {@code secret} is kept uninterpreted. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Variable(String name, VariableType type, String value, JsonNode secret) {}

  public enum VariableType {
    @JsonEnumDefaultValue UNKNOWN(0), VALUE(1), SECRET(2);

    private final int number;

    VariableType(int number) { this.number = number; }

    public int number() { return number; }
  }
}
