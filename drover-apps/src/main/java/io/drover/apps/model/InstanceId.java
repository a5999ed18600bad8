package io.drover.apps.model;

import io.drover.common.random.Rng;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An instance id {@code <safeName>.<prefix><uuid>}, e.g. {@code prod_web.instance-6a1f…}. New instances use the
 * prefix {@code instance-}; {@code marathon-} marks instances adopted from legacy task ids.
 */
public record InstanceId(PathId appId, String prefix, UUID uuid) {
  public static final String PREFIX_INSTANCE = "instance-";
  public static final String PREFIX_MARATHON = "marathon-";
  private static final Pattern ID = Pattern.compile("^(.+)\\.(instance-|marathon-)([^_.]+)$");

  /** A fresh id for an instance of {@code appId}; the uuid (version 4 layout) comes from {@code rng}. */
  public static InstanceId create(PathId appId, Rng rng) {
    long msb = (rng.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (rng.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new InstanceId(appId, PREFIX_INSTANCE, new UUID(msb, lsb));
  }

  /** Parses {@code <safeName>.instance-<uuid>} (or {@code marathon-}); empty if it is not such an id. */
  public static Optional<InstanceId> parse(String s) {
    Matcher m = ID.matcher(s);
    if (!m.matches()) return Optional.empty();
    return uuid(m.group(3)).map(u -> new InstanceId(PathId.fromSafeName(m.group(1)), m.group(2), u));
  }

  static Optional<UUID> uuid(String s) {
    try {
      UUID u = UUID.fromString(s);
      return u.toString().equals(s.toLowerCase()) ? Optional.of(u) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  public String idString() { return appId.safeName() + "." + prefix + uuid; }

  @Override public String toString() { return idString(); }
}
