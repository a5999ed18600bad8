package io.drover.coord.tree;

import io.drover.coord.wire.WatcherEvent;

/**
 * A notification for one connection: send {@code ReplyHeader(-1, zxid, 0)} + {@code event} to the
 * connection the server knows as {@code watcherId}. zxid is -1 for events without one (setWatches).
 */
public record Delivery(long watcherId, WatcherEvent event, long zxid) {}
