package io.drover.common.resources;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * An immutable bag of resources with exact arithmetic. Entries are keyed by (name, reservation role): unreserved
 * {@code cpus} and {@code cpus(web)} are different entries and one never contains the other. Scalars are exact
 * thousandths ({@link Scalar}); ranges are normalised {@link Ranges}; sets are {@link ItemSet}s.
 *
 * <p>Invariants: no stored entry is empty (zero scalars and empty ranges/sets vanish), and one name has one value
 * type throughout (mixing {@code ports:[1-2]} with {@code ports:3} is rejected). Iteration order is by name, then
 * role, so equal bags print identically.
 */
public final class Resources {
  public static final Resources EMPTY = new Resources(new TreeMap<>());

  private record Key(String name, String role) implements Comparable<Key> {
    @Override public int compareTo(Key o) {
      int c = name.compareTo(o.name);
      return c != 0 ? c : role.compareTo(o.role);
    }
  }

  private final TreeMap<Key, ResourceValue> entries;

  private Resources(TreeMap<Key, ResourceValue> entries) { this.entries = entries; }

  public static Resources of(Resource... resources) { return of(List.of(resources)); }

  /** Sums the entries; entries with the same name and role are added together. */
  public static Resources of(Collection<Resource> resources) {
    TreeMap<Key, ResourceValue> map = new TreeMap<>();
    for (Resource r : resources) addInto(map, r);
    return new Resources(map);
  }

  /** Unreserved scalar convenience: {@code scalars("cpus", 2000, "mem", 512000)} (values in millis). */
  public static Resources scalars(Object... nameMillisPairs) {
    if (nameMillisPairs.length % 2 != 0) throw new IllegalArgumentException("expected name, millis pairs");
    List<Resource> list = new ArrayList<>();
    for (int i = 0; i < nameMillisPairs.length; i += 2) {
      list.add(Resource.scalar((String) nameMillisPairs[i], ((Number) nameMillisPairs[i + 1]).longValue()));
    }
    return of(list);
  }

  private static void addInto(TreeMap<Key, ResourceValue> map, Resource r) {
    if (r.isEmpty()) return;
    checkSameType(map, r);
    Key key = new Key(r.name(), r.role());
    ResourceValue old = map.get(key);
    map.put(key, old == null ? r.value() : add(r.name(), old, r.value()));
  }

  private static void checkSameType(TreeMap<Key, ResourceValue> map, Resource r) {
    for (Map.Entry<Key, ResourceValue> e : map.subMap(new Key(r.name(), ""), true, new Key(r.name(), "\uffff"), true)
        .entrySet()) {
      if (e.getValue().getClass() != r.value().getClass()) {
        throw new IllegalArgumentException("resource '" + r.name() + "' is used both as " + e.getValue().typeName()
            + " and as " + r.value().typeName());
      }
    }
  }

  private static ResourceValue add(String name, ResourceValue a, ResourceValue b) {
    return switch (a) {
      case Scalar x when b instanceof Scalar y -> new Scalar(Math.addExact(x.millis(), y.millis()));
      case Ranges x when b instanceof Ranges y -> x.plus(y);
      case ItemSet x when b instanceof ItemSet y -> x.plus(y);
      default -> throw new IllegalArgumentException(
          "resource '" + name + "' is used both as " + a.typeName() + " and as " + b.typeName());
    };
  }

  private static boolean valueContains(ResourceValue a, ResourceValue b) {
    return switch (a) {
      case Scalar x -> b instanceof Scalar y && x.millis() >= y.millis();
      case Ranges x -> b instanceof Ranges y && x.contains(y);
      case ItemSet x -> b instanceof ItemSet y && x.contains(y);
    };
  }

  private static ResourceValue subtract(ResourceValue a, ResourceValue b) {
    return switch (a) {
      case Scalar x -> new Scalar(x.millis() - ((Scalar) b).millis());
      case Ranges x -> x.minus((Ranges) b);
      case ItemSet x -> x.minus((ItemSet) b);
    };
  }

  public boolean isEmpty() { return entries.isEmpty(); }

  /** The entries in (name, role) order. */
  public List<Resource> toList() {
    List<Resource> out = new ArrayList<>(entries.size());
    entries.forEach((k, v) -> out.add(new Resource(k.name(), k.role(), v)));
    return Collections.unmodifiableList(out);
  }

  public Resources plus(Resources other) {
    if (other.isEmpty()) return this;
    if (isEmpty()) return other;
    TreeMap<Key, ResourceValue> map = new TreeMap<>(entries);
    other.entries.forEach((k, v) -> addInto(map, new Resource(k.name(), k.role(), v)));
    return new Resources(map);
  }

  /** Whether every entry of {@code other} is covered by the entry with the same name and role here. */
  public boolean contains(Resources other) {
    for (Map.Entry<Key, ResourceValue> e : other.entries.entrySet()) {
      ResourceValue mine = entries.get(e.getKey());
      if (mine == null || !valueContains(mine, e.getValue())) return false;
    }
    return true;
  }

  /**
   * This minus {@code other}.
   *
   * @throws IllegalArgumentException if {@code other} is not contained in this (the message names both bags), because
   *     subtracting something that is not there is always a bookkeeping bug in the caller
   */
  public Resources minus(Resources other) {
    if (other.isEmpty()) return this;
    if (!contains(other)) {
      throw new IllegalArgumentException("cannot subtract " + other + " from " + this + ": not contained");
    }
    TreeMap<Key, ResourceValue> map = new TreeMap<>(entries);
    other.entries.forEach((k, v) -> {
      ResourceValue rest = subtract(map.get(k), v);
      Resource r = new Resource(k.name(), k.role(), rest);
      if (r.isEmpty()) map.remove(k); else map.put(k, rest);
    });
    return new Resources(map);
  }

  /** The entries matching {@code predicate}. */
  public Resources filter(Predicate<Resource> predicate) {
    TreeMap<Key, ResourceValue> map = new TreeMap<>();
    entries.forEach((k, v) -> {
      if (predicate.test(new Resource(k.name(), k.role(), v))) map.put(k, v);
    });
    return map.size() == entries.size() ? this : new Resources(map);
  }

  public Resources unreserved() { return filter(Resource::isUnreserved); }

  /** Entries statically reserved for exactly {@code role}. */
  public Resources reservedFor(String role) { return filter(r -> r.role().equals(role)); }

  /** Every reserved entry (any role other than "*"). */
  public Resources reserved() { return filter(r -> !r.isUnreserved()); }

  /** The same entries with every reservation dropped (all become unreserved); used for quantities and quota. */
  public Resources toUnreserved() {
    List<Resource> list = new ArrayList<>();
    entries.forEach((k, v) -> list.add(new Resource(k.name(), Resource.UNRESERVED, v)));
    return of(list);
  }

  /** Sum of the scalar {@code name} over all roles, in millis; 0 if absent. */
  public long scalarMillis(String name) {
    long sum = 0;
    for (Map.Entry<Key, ResourceValue> e : entries.subMap(new Key(name, ""), true, new Key(name, "\uffff"), true)
        .entrySet()) {
      if (e.getValue() instanceof Scalar s) sum += s.millis();
    }
    return sum;
  }

  /** {@link #scalarMillis} as the Mesos JSON double, for the API edge. */
  public double scalarValue(String name) { return scalarMillis(name) / (double) Scalar.MILLIS_PER_UNIT; }

  /** Union of the ranges named {@code name} over all roles; empty if absent. */
  public Ranges ranges(String name) {
    Ranges all = Ranges.EMPTY;
    for (Map.Entry<Key, ResourceValue> e : entries.subMap(new Key(name, ""), true, new Key(name, "\uffff"), true)
        .entrySet()) {
      if (e.getValue() instanceof Ranges r) all = all.plus(r);
    }
    return all;
  }

  /** Every scalar name with its sum over roles, in millis, sorted by name. */
  public Map<String, Long> scalarTotals() {
    TreeMap<String, Long> out = new TreeMap<>();
    entries.forEach((k, v) -> {
      if (v instanceof Scalar s) out.merge(k.name(), s.millis(), Long::sum);
    });
    return Collections.unmodifiableMap(out);
  }

  /** Distinct resource names, sorted. */
  public List<String> names() {
    return entries.keySet().stream().map(Key::name).distinct().toList();
  }

  /**
   * A copy where the unreserved scalar {@code name} holds at most {@code maxMillis}; other entries are unchanged.
   * Used to shrink offers to quota limits and headroom.
   */
  public Resources withUnreservedScalarAtMost(String name, long maxMillis) {
    Key key = new Key(name, Resource.UNRESERVED);
    if (!(entries.get(key) instanceof Scalar s) || s.millis() <= maxMillis) return this;
    TreeMap<Key, ResourceValue> map = new TreeMap<>(entries);
    if (maxMillis <= 0) map.remove(key); else map.put(key, new Scalar(maxMillis));
    return new Resources(map);
  }

  @Override public boolean equals(Object o) { return o instanceof Resources r && entries.equals(r.entries); }

  @Override public int hashCode() { return Objects.hash(entries); }

  /** Mesos text form, e.g. {@code cpus:4; cpus(web):2; mem:8192; ports:[31000-32000]}; empty bag prints {@code {}}. */
  @Override public String toString() {
    if (isEmpty()) return "{}";
    StringBuilder sb = new StringBuilder();
    entries.forEach((k, v) -> {
      if (!sb.isEmpty()) sb.append("; ");
      sb.append(new Resource(k.name(), k.role(), v));
    });
    return sb.toString();
  }
}
