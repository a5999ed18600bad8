package io.drover.coord.tree;

import io.drover.coord.wire.Acl;
import io.drover.coord.wire.WatcherEvent;
import java.util.List;

/**
 * A notification for one connection: send {@code ReplyHeader(-1, zxid, 0)} + {@code event} to the
 * connection the server knows as {@code watcherId}. zxid is -1 for events without one (setWatches).
 *
 * <p>{@code acl} is the ACL of the znode the event is about (the parent's for NodeChildrenChanged): as
 * ZooKeeper does since 3.9.2 (CVE-2024-23944), the server sends the event only if the connection may READ
 * that znode. Null means no check (setWatches replays, as in ZooKeeper).
 */
public record Delivery(long watcherId, WatcherEvent event, long zxid, List<Acl> acl) {
  public Delivery(long watcherId, WatcherEvent event, long zxid) { this(watcherId, event, zxid, null); }
}
