package io.drover.common.resources;

import java.util.Objects;

/** One agent attribute, e.g. {@code rack:r1} (TEXT) or {@code level:10} (SCALAR). */
public record Attribute(String name, AttributeValue value) {
  public Attribute {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    if (name.isEmpty()) throw new IllegalArgumentException("attribute name is empty");
  }

  @Override public String toString() { return name + ":" + value; }
}
