package io.drover.master.api.v1;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Mesos {@code Value}: the typed payloads shared by {@link Resource} and {@link Attribute}. */
public final class Value {
  private Value() {}

  /** {@code Value.Type}; UNKNOWN (-1) is Drover's catch-all for names it does not know. */
  public enum Type {
    @JsonEnumDefaultValue UNKNOWN(-1), SCALAR(0), RANGES(1), SET(2), TEXT(3);

    private final int number;

    Type(int number) { this.number = number; }

    public int number() { return number; }
  }

  /** {@code {"value":4.0}}; a double at this edge, exact millis inside Drover (see {@link ResourceJson}). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Scalar(double value) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Range(long begin, long end) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Ranges(List<Range> range) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Set(List<String> item) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Text(String value) {}
}
