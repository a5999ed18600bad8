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

  /** Ensemble: the log is durable up to zxid; ignored unless {@code generation} is the log's current one. */
  record LogSynced(long generation, long zxid) implements LoopEvent {}

  /** Ensemble: a message from another server (decoded on the loop). */
  record PeerReceived(long fromId, PeerTransport.Port port, byte[] message) implements LoopEvent {}

  /** Ensemble: our outbound connection to a server broke. */
  record PeerDisconnected(long peerId, PeerTransport.Port port) implements LoopEvent {}

  /** Ensemble: start the Zab peer (first event of the loop). */
  record ZabStart() implements LoopEvent {}

  record StorageFailed(Exception cause) implements LoopEvent {}

  record SnapshotFinished(long zxid, Exception failure) implements LoopEvent {}

  record Tick() implements LoopEvent {}

  /** Runs {@code action} on the loop thread (status for tests and tools). */
  record Probe(java.util.function.Consumer<CoordLoop> action) implements LoopEvent {}

  record Shutdown() implements LoopEvent {}
}
