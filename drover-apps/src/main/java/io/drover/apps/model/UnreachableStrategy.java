package io.drover.apps.model;

/** What happens to instances on unreachable agents. JSON: {@code "disabled"} or the two timeouts. */
public sealed interface UnreachableStrategy {
  /** Never replace (resident apps' default). */
  record Disabled() implements UnreachableStrategy {}

  /** Replace after {@code inactiveAfterSeconds}, forget after {@code expungeAfterSeconds}. */
  record Enabled(long inactiveAfterSeconds, long expungeAfterSeconds) implements UnreachableStrategy {}

  /** Marathon's default since 1.5.1: replace and expunge at once. */
  UnreachableStrategy DEFAULT = new Enabled(0, 0);
  UnreachableStrategy DISABLED = new Disabled();
}
