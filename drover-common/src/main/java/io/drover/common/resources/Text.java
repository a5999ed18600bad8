package io.drover.common.resources;

import java.util.Objects;

/** A TEXT attribute value. */
public record Text(String value) implements AttributeValue {
  public Text {
    Objects.requireNonNull(value, "value");
  }

  @Override public String typeName() { return "TEXT"; }

  @Override public String toString() { return value; }
}
