package io.drover.apps.model;

/** An app environment value: a plain string or a reference to a secret ({@code {"secret":"name"}}). */
public sealed interface EnvValue {
  /** A literal value. */
  record Literal(String value) implements EnvValue {}

  /** A reference to the app's {@code secrets} entry of that name; not put into task environments by Drover. */
  record SecretRef(String secret) implements EnvValue {}

  static EnvValue of(String value) { return new Literal(value); }
}
