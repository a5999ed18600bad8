package io.drover.coord.tree;

/**
 * {@code ephemeralOwner} encodings ({@code EphemeralType}, extended types enabled): 0 = persistent,
 * {@link #CONTAINER} = container, high byte 0xFF with the TTL in the low 40 bits = TTL node, anything
 * else = the owning session of an ephemeral.
 */
public final class EphemeralOwner {
  private EphemeralOwner() {}

  public enum Type { VOID, NORMAL, CONTAINER, TTL }

  public static final long CONTAINER = Long.MIN_VALUE;
  private static final long EXTENDED_MASK = 0xff00000000000000L;
  private static final long RESERVED_BITS_MASK = 0x00ffff0000000000L;
  /** The largest TTL in ms (about 34 years). */
  public static final long MAX_TTL_MS = ~(EXTENDED_MASK | RESERVED_BITS_MASK);

  public static Type type(long owner) {
    if ((owner & EXTENDED_MASK) == EXTENDED_MASK) {
      if ((owner & RESERVED_BITS_MASK) != 0) throw new IllegalArgumentException("Invalid ephemeralOwner " + Long.toHexString(owner));
      return Type.TTL;
    }
    if (owner == CONTAINER) return Type.CONTAINER;
    return owner == 0 ? Type.VOID : Type.NORMAL;
  }

  public static boolean validTtl(long ttlMs) { return ttlMs > 0 && ttlMs <= MAX_TTL_MS; }

  /** The owner of a TTL node; {@code ttlMs} must satisfy {@link #validTtl}. */
  public static long ofTtl(long ttlMs) {
    if (!validTtl(ttlMs)) throw new IllegalArgumentException("ttl must be positive and cannot be larger than: " + MAX_TTL_MS);
    return EXTENDED_MASK | ttlMs;
  }

  public static long ttlOf(long owner) { return type(owner) == Type.TTL ? owner & MAX_TTL_MS : 0; }
}
