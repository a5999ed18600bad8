package io.drover.common.resources;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/** A SET value: distinct text items, kept sorted so equal sets print and compare equal. */
public record ItemSet(SortedSet<String> items) implements ResourceValue, AttributeValue {
  public ItemSet {
    items = Collections.unmodifiableSortedSet(new TreeSet<>(items));
  }

  public boolean isEmpty() { return items.isEmpty(); }

  public boolean contains(ItemSet other) { return items.containsAll(other.items); }

  public ItemSet plus(ItemSet other) {
    TreeSet<String> all = new TreeSet<>(items);
    all.addAll(other.items);
    return new ItemSet(all);
  }

  public ItemSet minus(ItemSet other) {
    TreeSet<String> rest = new TreeSet<>(items);
    rest.removeAll(other.items);
    return new ItemSet(rest);
  }

  @Override public String typeName() { return "SET"; }

  /** Mesos text form: {@code {a, b}}. */
  @Override public String toString() { return "{" + String.join(", ", items) + "}"; }
}
