package io.drover.coord.core;

/** zxid = epoch &lt;&lt; 32 | counter, as in ZooKeeper. The counter is the low 32 bits; counter 0 marks a new epoch. */
public final class Zxid {
  /** The last counter a leader may use; reaching it forces a new election (ZooKeeper's rollover rule). */
  public static final long MAX_COUNTER = 0xFFFF_FFFFL;

  private Zxid() {}

  public static long make(long epoch, long counter) { return (epoch << 32) | (counter & MAX_COUNTER); }

  public static long epoch(long zxid) { return zxid >>> 32; }

  public static long counter(long zxid) { return zxid & MAX_COUNTER; }

  public static String hex(long zxid) { return "0x" + Long.toHexString(zxid); }
}
