package io.drover.apps.model;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Mesos task id as Marathon ≥ 1.8 makes it: {@code <safeName>.instance-<uuid>._app.<incarnation>} (the
 * incarnation counts launches of the same instance, from 1). {@link #parse(String)} also reads the older forms
 * {@code <safeName>.instance-<uuid>._app} (no incarnation) and legacy {@code <safeName>.<uuid>} (mapped to an
 * instance with the {@code marathon-} prefix). {@code idString} is the exact text that was parsed or built.
 */
public record TaskId(InstanceId instanceId, OptionalLong incarnation, String idString) {
  /** The container name of app tasks (pods would name their containers). */
  public static final String APP_CONTAINER = "_app";
  private static final Pattern WITH_INCARNATION =
      Pattern.compile("^(.+)\\.(instance-|marathon-)([^_.]+)[._]([^.]+)\\.(\\d+)$");
  private static final Pattern WITH_INSTANCE = Pattern.compile("^(.+)\\.(instance-|marathon-)([^_.]+)[._]([^.]+)$");
  private static final Pattern LEGACY = Pattern.compile("^(.+)([._])([^_.]+)$");

  /** The id of launch number {@code incarnation} (≥ 1) of an instance. */
  public static TaskId of(InstanceId instance, long incarnation) {
    if (incarnation < 1) throw new IllegalArgumentException("incarnation starts at 1: " + incarnation);
    return new TaskId(instance, OptionalLong.of(incarnation), instance.idString() + "." + APP_CONTAINER + "." + incarnation);
  }

  /** The id of the next launch of the same instance (incarnation + 1; 1 for ids without one). */
  public TaskId next() { return of(instanceId, incarnation.orElse(0) + 1); }

  public PathId appId() { return instanceId.appId(); }

  public static Optional<TaskId> parse(String s) {
    Matcher mi = WITH_INCARNATION.matcher(s);
    if (mi.matches()) {
      long inc;
      try {
        inc = Long.parseLong(mi.group(5));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
      return InstanceId.uuid(mi.group(3))
          .map(u -> new TaskId(new InstanceId(PathId.fromSafeName(mi.group(1)), mi.group(2), u), OptionalLong.of(inc), s));
    }
    Matcher m = WITH_INSTANCE.matcher(s);
    if (m.matches()) {
      Matcher mm = m;
      return InstanceId.uuid(m.group(3))
          .map(u -> new TaskId(new InstanceId(PathId.fromSafeName(mm.group(1)), mm.group(2), u), OptionalLong.empty(), s));
    }
    m = LEGACY.matcher(s);
    if (m.matches()) {
      Matcher mm = m;
      return InstanceId.uuid(m.group(3)).map(u -> new TaskId(
          new InstanceId(PathId.fromSafeName(mm.group(1)), InstanceId.PREFIX_MARATHON, u), OptionalLong.empty(), s));
    }
    return Optional.empty();
  }

  @Override public String toString() { return idString; }
}
