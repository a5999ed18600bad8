package io.drover.apps.model;

import java.util.List;

/**
 * The outcome of reading a request body: a value, a JSON syntax/type error (400, {@code Invalid JSON}), or an
 * object that is well-typed but not acceptable (422, {@code Object is not valid}).
 */
public sealed interface Parsed<T> {
  /** A well-formed, normalized value (validated as well when produced by a {@code read…} method). */
  record Ok<T>(T value) implements Parsed<T> {}

  /** Syntax or type errors, with Play-JSON error keys such as {@code error.expected.jsstring}. */
  record InvalidJson<T>(ErrorBody body) implements Parsed<T> {}

  /** Validation or normalization failures. */
  record Invalid<T>(ErrorBody body) implements Parsed<T> {}

  static <T> Parsed<T> invalidJson(List<Violation> vs) { return new InvalidJson<>(ErrorBody.invalidJson(vs)); }

  static <T> Parsed<T> invalid(List<Violation> vs) { return new Invalid<>(ErrorBody.notValid(vs)); }

  /** The HTTP status Marathon answers with for this outcome (200 for {@link Ok}; the caller may use 201). */
  default int status() {
    return switch (this) {
      case Ok<T> ok -> 200;
      case InvalidJson<T> e -> 400;
      case Invalid<T> e -> 422;
    };
  }

  /** The value; throws if this is not {@link Ok} (for callers that already checked, and tests). */
  default T orThrow() {
    return switch (this) {
      case Ok<T> ok -> ok.value();
      case InvalidJson<T> e -> throw new IllegalStateException("invalid JSON: " + e.body());
      case Invalid<T> e -> throw new IllegalStateException("invalid: " + e.body());
    };
  }
}
