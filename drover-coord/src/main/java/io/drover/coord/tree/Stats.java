package io.drover.coord.tree;

import io.drover.coord.wire.Stat;

/** Copy-with helpers for the immutable {@link Stat} record. */
final class Stats {
  private Stats() {}

  static Stat create(long zxid, long time, long ephemeralOwner, byte[] data) {
    return new Stat(zxid, zxid, time, time, 0, 0, 0, ephemeralOwner, len(data), 0, zxid);
  }

  static int len(byte[] data) { return data == null ? 0 : data.length; }

  static Stat withNumChildren(Stat s, int n) {
    return new Stat(s.czxid(), s.mzxid(), s.ctime(), s.mtime(), s.version(), s.cversion(), s.aversion(),
        s.ephemeralOwner(), s.dataLength(), n, s.pzxid());
  }

  static Stat withChildChange(Stat s, int cversion, long pzxid, int numChildren) {
    return new Stat(s.czxid(), s.mzxid(), s.ctime(), s.mtime(), s.version(), cversion, s.aversion(),
        s.ephemeralOwner(), s.dataLength(), numChildren, pzxid);
  }

  static Stat withData(Stat s, int version, long mzxid, long mtime, int dataLength) {
    return new Stat(s.czxid(), mzxid, s.ctime(), mtime, version, s.cversion(), s.aversion(),
        s.ephemeralOwner(), dataLength, s.numChildren(), s.pzxid());
  }

  static Stat withAversion(Stat s, int aversion) {
    return new Stat(s.czxid(), s.mzxid(), s.ctime(), s.mtime(), s.version(), s.cversion(), aversion,
        s.ephemeralOwner(), s.dataLength(), s.numChildren(), s.pzxid());
  }

  static Stat fixCounts(Stat s, int dataLength, int numChildren) {
    return new Stat(s.czxid(), s.mzxid(), s.ctime(), s.mtime(), s.version(), s.cversion(), s.aversion(),
        s.ephemeralOwner(), dataLength, numChildren, s.pzxid());
  }
}
