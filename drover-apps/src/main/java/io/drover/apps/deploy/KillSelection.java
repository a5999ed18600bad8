package io.drover.apps.deploy;

/** Which of two otherwise equal instances a scale-down kills first (app field {@code killSelection}). */
public enum KillSelection {
  /** The default: the instance that started last goes first. */
  YOUNGEST_FIRST,
  OLDEST_FIRST;

  /** Whether an instance started at {@code aMs} is killed before one started at {@code bMs}. */
  boolean killsFirst(long aMs, long bMs) {
    return switch (this) {
      case YOUNGEST_FIRST -> aMs > bMs;
      case OLDEST_FIRST -> aMs < bMs;
    };
  }
}
