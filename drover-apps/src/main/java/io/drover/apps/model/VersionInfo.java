package io.drover.apps.model;

/**
 * An app version: {@code version} is the time of the last change of any kind; {@code lastScalingAt} the last
 * change of the instance count; {@code lastConfigChangeAt} the last change that restarts tasks.
 */
public record VersionInfo(Timestamp version, Timestamp lastScalingAt, Timestamp lastConfigChangeAt) {
  /** A brand-new definition: all three stamps are {@code at}. */
  public static VersionInfo initial(Timestamp at) { return new VersionInfo(at, at, at); }

  /** After a scale-only change at {@code at}. */
  public VersionInfo scaledAt(Timestamp at) { return new VersionInfo(at, at, lastConfigChangeAt); }

  /** After a config change (or restart) at {@code at}. */
  public VersionInfo configChangedAt(Timestamp at) { return new VersionInfo(at, at, at); }

  /** After a change that neither scales nor restarts (e.g. only the version moves). */
  public VersionInfo touchedAt(Timestamp at) { return new VersionInfo(at, lastScalingAt, lastConfigChangeAt); }
}
