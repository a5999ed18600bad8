package io.drover.coord.wire;

/** A watch notification body, sent after {@code ReplyHeader(-1, zxid, 0)}. */
public record WatcherEvent(int type, int state, String path) {
  public static final int NODE_CREATED = 1, NODE_DELETED = 2, NODE_DATA_CHANGED = 3, NODE_CHILDREN_CHANGED = 4,
      DATA_WATCH_REMOVED = 5, CHILD_WATCH_REMOVED = 6, PERSISTENT_WATCH_REMOVED = 7;
  public static final int STATE_SYNC_CONNECTED = 3;

  public void write(JuteOutput out) { out.writeInt(type).writeInt(state).writeString(path); }

  public static WatcherEvent read(JuteInput in) { return new WatcherEvent(in.readInt(), in.readInt(), in.readString()); }
}
