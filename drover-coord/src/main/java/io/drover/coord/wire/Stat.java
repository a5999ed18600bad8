package io.drover.coord.wire;

/** A znode's metadata, in jute field order. */
public record Stat(long czxid, long mzxid, long ctime, long mtime, int version, int cversion, int aversion,
                   long ephemeralOwner, int dataLength, int numChildren, long pzxid) {

  public void write(JuteOutput out) {
    out.writeLong(czxid).writeLong(mzxid).writeLong(ctime).writeLong(mtime)
       .writeInt(version).writeInt(cversion).writeInt(aversion)
       .writeLong(ephemeralOwner).writeInt(dataLength).writeInt(numChildren).writeLong(pzxid);
  }

  public static Stat read(JuteInput in) {
    return new Stat(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readInt(), in.readInt(),
        in.readInt(), in.readLong(), in.readInt(), in.readInt(), in.readLong());
  }
}
