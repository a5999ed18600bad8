package io.drover.common.resources;

import java.util.List;
import java.util.Optional;

/** An agent's attributes in the order given; names are unique. Mesos text form: {@code rack:r1;zone:a}. */
public record Attributes(List<Attribute> list) {
  public static final Attributes EMPTY = new Attributes(List.of());

  public Attributes {
    list = List.copyOf(list);
    if (list.stream().map(Attribute::name).distinct().count() != list.size()) {
      throw new IllegalArgumentException("duplicate attribute name in " + list);
    }
  }

  public Optional<AttributeValue> get(String name) {
    return list.stream().filter(a -> a.name().equals(name)).map(Attribute::value).findFirst();
  }

  public boolean isEmpty() { return list.isEmpty(); }

  @Override public String toString() {
    return String.join(";", list.stream().map(Attribute::toString).toList());
  }
}
