package io.drover.coord.server;

import io.drover.coord.tree.Session;
import io.drover.coord.wire.Id;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client connection. The Netty side only posts events and counts; everything else is owned by the
 * event loop: the attached session, its authenticated ids, and the FIFO of requests whose replies must
 * leave in request order.
 */
final class Connection {
  final long id;
  final Channel channel;
  final String clientIp;
  final String remote;
  final long establishedWallMs;

  /** Requests posted to the loop and not yet answered; the Netty side stops reading above the bound. */
  final AtomicInteger outstanding = new AtomicInteger();
  final AtomicLong received = new AtomicLong();
  final AtomicLong sent = new AtomicLong();

  // Loop-owned from here on.
  long sessionId;
  int timeoutMs;
  boolean closed;
  private final List<Id> authIds = new ArrayList<>();
  private Session session;
  final ArrayDeque<Pending> fifo = new ArrayDeque<>();
  long lastZxid;
  int lastCxid;
  String lastOp = "NA";
  long lastLatencyMs;

  Connection(long id, Channel channel, String clientIp, String remote, long establishedWallMs) {
    this.id = id;
    this.channel = channel;
    this.clientIp = clientIp;
    this.remote = remote;
    this.establishedWallMs = establishedWallMs;
    authIds.add(new Id("ip", clientIp));
  }

  void attach(long sessionId, int timeoutMs) {
    this.sessionId = sessionId;
    this.timeoutMs = timeoutMs;
    this.session = null;
  }

  void addAuth(Id id) {
    if (!authIds.contains(id)) authIds.add(id);
    session = null;
  }

  /** The caller identity the tree checks ACLs against. */
  Session session() {
    if (session == null) session = new Session(sessionId, id, List.copyOf(authIds), clientIp);
    return session;
  }

  void write(ByteBuf frame) {
    if (closed) {
      frame.release();
      return;
    }
    channel.write(frame, channel.voidPromise());
    sent.incrementAndGet();
  }

  /** A request waiting for its turn to be answered. */
  static final class Pending {
    final int xid;
    final int opCode;
    final long receivedNanos;
    /** A read waiting behind earlier writes: executed when it reaches the head. Null for writes. */
    final io.drover.coord.wire.Request deferredRead;
    ByteBuf reply;
    boolean closeAfter;

    Pending(int xid, int opCode, long receivedNanos, io.drover.coord.wire.Request deferredRead) {
      this.xid = xid;
      this.opCode = opCode;
      this.receivedNanos = receivedNanos;
      this.deferredRead = deferredRead;
    }
  }
}
