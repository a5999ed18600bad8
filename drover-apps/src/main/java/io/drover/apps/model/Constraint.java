package io.drover.apps.model;

import java.util.List;
import java.util.Optional;

/**
 * One placement constraint {@code [field, OPERATOR, value?]} as written by the user. The raw parts are kept (even
 * with a wrong arity or an unknown operator) so that {@link Validation} reports them with Marathon's messages.
 */
public record Constraint(List<String> parts) {
  public Constraint {
    parts = List.copyOf(parts);
  }

  public static Constraint of(String field, String operator) { return new Constraint(List.of(field, operator)); }

  public static Constraint of(String field, String operator, String value) {
    return new Constraint(List.of(field, operator, value));
  }

  public String field() { return parts.isEmpty() ? "" : parts.get(0); }

  /** The operator as written (upper-cased on comparison by the validation and the matcher). */
  public String operator() { return parts.size() > 1 ? parts.get(1) : ""; }

  public Optional<String> value() { return parts.size() > 2 ? Optional.of(parts.get(2)) : Optional.empty(); }
}
