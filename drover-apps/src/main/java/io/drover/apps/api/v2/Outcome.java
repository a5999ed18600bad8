package io.drover.apps.api.v2;

import io.drover.apps.core.CoreCommand;

/** What a route decides on the core's loop: run a command, or answer without one (e.g. 404, 409, 422). */
sealed interface Outcome {
  record Run(CoreCommand command) implements Outcome {}

  record Fail(ApiError error) implements Outcome {}

  static Outcome run(CoreCommand c) { return new Run(c); }

  static Outcome fail(ApiError e) { return new Fail(e); }
}
