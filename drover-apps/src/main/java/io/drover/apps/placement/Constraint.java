package io.drover.apps.placement;

import java.util.Objects;

/**
 * A Marathon placement constraint {@code [field, operator, value?]}. {@code field} is {@code hostname} or
 * {@code @hostname}, {@code @region}, {@code @zone}, or an agent attribute name. {@code value} is null when absent.
 * Validation (a value required for LIKE/UNLIKE/MAX_PER/IS, integer MAX_PER, valid regexes) belongs to the app model;
 * an invalid value here makes the constraint fail closed (never match), except where Marathon defines otherwise.
 */
public record Constraint(String field, Operator operator, String value) {
  public Constraint {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(operator, "operator");
  }

  public static Constraint of(String field, Operator operator) { return new Constraint(field, operator, null); }

  public static Constraint of(String field, Operator operator, String value) {
    return new Constraint(field, operator, value);
  }

  /** The value, or "" when absent (Marathon's proto default). */
  public String valueOrEmpty() { return value == null ? "" : value; }

  public enum Operator { UNIQUE, CLUSTER, GROUP_BY, LIKE, UNLIKE, MAX_PER, IS }
}
