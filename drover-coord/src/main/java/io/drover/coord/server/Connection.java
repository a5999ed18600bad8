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
  /** Accepted by an ensemble member in read-only mode: reads only. */
  boolean readOnly;
  private final List<Id> authIds = new ArrayList<>();
  private Session session;
  final ArrayDeque<Pending> fifo = new ArrayDeque<>();
  /** Ensemble: the handshake and requests that arrived while the server waited for a new leader, in order. */
  final ArrayDeque<LoopEvent> held = new ArrayDeque<>();
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

  /**
   * Replies produced by one loop batch collect here and go to Netty as one buffer: a write from the loop
   * thread is a task on the channel's I/O thread, so one per batch instead of one per reply saves a
   * cross-thread hand-off per request.
   */
  private ByteBuf outbox;

  void write(ByteBuf frame) {
    if (!closed) {
      if (outbox == null) outbox = channel.alloc().heapBuffer(Math.max(256, frame.readableBytes()));
      outbox.writeBytes(frame);
      sent.incrementAndGet();
    }
    frame.release();
  }

  /** Hands what the batch wrote to Netty; the loop calls it once per batch for every connection it wrote to. */
  void flush() {
    if (outbox == null) return;
    ByteBuf out = outbox;
    outbox = null;
    if (closed) {
      out.release();
      return;
    }
    channel.writeAndFlush(out, channel.voidPromise());
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
    /** For the createSession of a new connection: its connect request (the reply is a ConnectResponse). */
    io.drover.coord.wire.ConnectRequest connect;

    Pending(int xid, int opCode, long receivedNanos, io.drover.coord.wire.Request deferredRead) {
      this.xid = xid;
      this.opCode = opCode;
      this.receivedNanos = receivedNanos;
      this.deferredRead = deferredRead;
    }
  }
}
