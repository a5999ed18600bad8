package io.drover.common.resources;

import java.util.Objects;

/**
 * One resource entry: a name ({@code cpus}, {@code mem}, {@code ports}, ...), the role it is statically reserved for
 * ({@link #UNRESERVED} {@code "*"} when unreserved) and a value. Mesos text form: {@code cpus(web):2},
 * {@code ports:[31000-32000]}.
 */
public record Resource(String name, String role, ResourceValue value) {
  public static final String UNRESERVED = "*";

  public Resource {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(value, "value");
    if (name.isEmpty()) throw new IllegalArgumentException("resource name is empty");
    if (role.isEmpty()) throw new IllegalArgumentException("resource role is empty; use \"*\" for unreserved");
    if (value instanceof Scalar s && s.millis() < 0) {
      throw new IllegalArgumentException("resource " + name + " has negative value " + s);
    }
  }

  public static Resource scalar(String name, long millis) { return new Resource(name, UNRESERVED, new Scalar(millis)); }

  public boolean isUnreserved() { return role.equals(UNRESERVED); }

  /** Whether the value holds nothing (zero scalar, no ranges, no items); such entries are never stored in Resources. */
  public boolean isEmpty() {
    return switch (value) {
      case Scalar s -> s.millis() == 0;
      case Ranges r -> r.isEmpty();
      case ItemSet s -> s.isEmpty();
    };
  }

  @Override public String toString() {
    return name + (isUnreserved() ? "" : "(" + role + ")") + ":" + value;
  }
}
