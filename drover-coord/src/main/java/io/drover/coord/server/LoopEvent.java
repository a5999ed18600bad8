package io.drover.coord.server;

import io.drover.coord.wire.ConnectRequest;
import io.drover.coord.wire.RequestPacket;

/** Everything the event loop reacts to. Edges (Netty, the sync thread, timers) only post these. */
sealed interface LoopEvent {
  record Opened(Connection conn) implements LoopEvent {}

  record Connect(Connection conn, ConnectRequest request) implements LoopEvent {}

  record Packet(Connection conn, RequestPacket packet, long receivedNanos) implements LoopEvent {}

  record FourLetter(Connection conn, String word) implements LoopEvent {}

  record Closed(Connection conn) implements LoopEvent {}

  /** Every txn with zxid <= this is in the log and fsynced. */
  record Durable(long zxid) implements LoopEvent {}

  record StorageFailed(Exception cause) implements LoopEvent {}

  record SnapshotFinished(long zxid, Exception failure) implements LoopEvent {}

  record Tick() implements LoopEvent {}

  record Shutdown() implements LoopEvent {}
}
