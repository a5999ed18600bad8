package io.drover.coord.wire;

/** Who issued a txn, its zxid and the wall-clock time assigned when it was prepared. */
public record TxnHeader(long clientId, int cxid, long zxid, long time, int type) {
  public void write(JuteOutput out) {
    out.writeLong(clientId).writeInt(cxid).writeLong(zxid).writeLong(time).writeInt(type);
  }

  public static TxnHeader read(JuteInput in) {
    return new TxnHeader(in.readLong(), in.readInt(), in.readLong(), in.readLong(), in.readInt());
  }
}
