package io.drover.coord.core.sim;

import io.drover.coord.core.ReplicatedState;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.TreeMap;

/**
 * The replicated state of one peer incarnation: every applied (zxid, txn), so the checker can compare servers.
 * A SNAP's restore is saved on the disk (durable); after a crash the state restarts from that snapshot.
 */
final class SimState implements ReplicatedState {
  interface Observer {
    void applied(long zxid, byte[] txn, long previousZxid);

    void restored(TreeMap<Long, byte[]> content, long zxid, long previousZxid);
  }

  private final SimDisk disk;
  private final Observer observer;
  final TreeMap<Long, byte[]> applied = new TreeMap<>();
  private long last;

  SimState(SimDisk disk, Observer observer) {
    this.disk = disk;
    this.observer = observer;
    if (disk.snapshot != null) {
      applied.putAll(decode(disk.snapshot));
      last = disk.snapshotZxid;
    }
  }

  @Override public long lastAppliedZxid() { return last; }

  @Override public void apply(long zxid, byte[] txn) {
    if (zxid <= last) throw new IllegalStateException("apply " + zxid + " not after " + last);
    long prev = last;
    applied.put(zxid, txn);
    last = zxid;
    observer.applied(zxid, txn, prev);
  }

  @Override public byte[] snapshot() {
    int size = 12;
    for (byte[] t : applied.values()) size += 12 + t.length;
    ByteBuffer b = ByteBuffer.allocate(size).putLong(last).putInt(applied.size());
    for (Map.Entry<Long, byte[]> e : applied.entrySet()) b.putLong(e.getKey()).putInt(e.getValue().length).put(e.getValue());
    return b.array();
  }

  @Override public void restore(byte[] snapshot, long zxid) {
    TreeMap<Long, byte[]> content = decode(snapshot);
    long prev = last;
    applied.clear();
    applied.putAll(content);
    last = zxid;
    disk.snapshot = snapshot;
    disk.snapshotZxid = zxid;
    observer.restored(content, zxid, prev);
  }

  private static TreeMap<Long, byte[]> decode(byte[] snapshot) {
    ByteBuffer b = ByteBuffer.wrap(snapshot);
    b.getLong();
    int n = b.getInt();
    TreeMap<Long, byte[]> out = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      long z = b.getLong();
      byte[] t = new byte[b.getInt()];
      b.get(t);
      out.put(z, t);
    }
    return out;
  }
}
