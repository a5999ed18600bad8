package io.drover.coord.server;

import io.drover.common.random.Rng;
import io.drover.common.time.Clock;
import io.drover.coord.session.SessionTable;
import io.drover.coord.storage.TxnLog;
import io.drover.coord.tree.ApplyResult;
import io.drover.coord.tree.Auth;
import io.drover.coord.tree.DataTree;
import io.drover.coord.tree.Delivery;
import io.drover.coord.tree.Prep;
import io.drover.coord.tree.Prepared;
import io.drover.coord.tree.ReadResult;
import io.drover.coord.tree.Reads;
import io.drover.coord.wire.Acl;
import io.drover.coord.wire.Code;
import io.drover.coord.wire.ConnectCodec;
import io.drover.coord.wire.ConnectRequest;
import io.drover.coord.wire.ConnectResponse;
import io.drover.coord.wire.OpCode;
import io.drover.coord.wire.Request;
import io.drover.coord.wire.RequestPacket;
import io.drover.coord.wire.Response;
import io.drover.coord.wire.Txn;
import io.drover.coord.wire.TxnHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single thread that owns the tree, the sessions and every connection's request FIFO.
 *
 * <p>Writes are prepared (validated and turned into txns against the tree plus earlier unapplied txns), handed
 * to the sync thread, and applied to the tree only once fsynced; so nothing a client reads can be lost by a
 * crash. When a txn is applied its watch notifications go out first, then its reply. A connection's reads
 * wait behind its own unanswered writes, so replies leave in request order and a client reads its own writes.
 *
 * <p>Bound: the queue holds at most maxOutstandingPerConnection requests per connection (the Netty side stops
 * reading beyond that) plus the loop's own internal events.
 */
final class CoordLoop implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(CoordLoop.class);
  private static final int MAX_EVENTS_PER_FLUSH = 1024;

  private final CoordConfig config;
  private final Clock clock;
  // Replaced when an ensemble member restores a leader's snapshot (SNAP); loop-owned.
  DataTree tree;
  Prep prep;
  private Reads reads;
  SessionTable sessions;
  private final SyncThread sync;
  private final Snapshotter snapshotter;
  final ServerStats stats;

  private final LinkedBlockingQueue<LoopEvent> queue = new LinkedBlockingQueue<>();
  final Map<Long, Connection> connections = new HashMap<>();
  private final Map<Long, Connection> bySession = new HashMap<>();
  private final Map<String, Integer> perIp = new HashMap<>();
  private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
  private final Set<Connection> dirty = new LinkedHashSet<>();
  private final ContainerSweep containers;
  /** Sessions created by this server in read-only mode: local, never replicated, gone when it serves again. */
  private final Set<Long> readOnlySessions = new java.util.HashSet<>();
  /** Ensemble mode: replication through Zab; null for a standalone server. Set before the loop starts. */
  private ZabDriver zab;

  private long lastZxid;
  private final SnapshotSchedule snapshots;
  private volatile boolean running = true;
  private volatile Exception failure;

  /** A txn handed to the sync thread, not yet applied. {@code owner}/{@code pending} are null for the server's own txns. */
  private record InFlight(Prepared txn, Connection owner, Connection.Pending pending, String collectedPath) {}

  CoordLoop(CoordConfig config, Clock clock, Rng rng, DataTree tree, SessionTable sessions, long lastZxid,
            TxnLog txnLog, Snapshotter snapshotter, ServerStats stats) {
    this.config = config;
    this.clock = clock;
    this.tree = tree;
    this.prep = new Prep(tree);
    this.reads = new Reads(tree);
    this.sessions = sessions;
    this.lastZxid = lastZxid;
    this.sync = new SyncThread(txnLog, this::post);
    this.snapshotter = snapshotter;
    this.stats = stats;
    this.snapshots = new SnapshotSchedule(config.snapCount(), rng);
    this.containers = new ContainerSweep(config.containerCheckIntervalMs(), clock.monoMillis());
  }

  void post(LoopEvent event) { queue.add(event); }

  void attach(ZabDriver driver) { this.zab = driver; }

  ZabDriver zab() { return zab; }

  /** The ensemble asks for a fast loop: the Zab peer wants ticks every few tens of ms (election timers). */
  private long pollMs() {
    return zab == null ? config.tickTimeMs() / 2 : Math.min(config.tickTimeMs() / 2, ZabDriver.PEER_TICK_MS);
  }

  SyncThread syncThread() { return sync; }

  Exception failure() { return failure; }

  @Override public void run() {
    List<LoopEvent> batch = new ArrayList<>(MAX_EVENTS_PER_FLUSH);
    try {
      while (running) {
        LoopEvent first = queue.poll(pollMs(), TimeUnit.MILLISECONDS);
        if (first == null) {
          handle(new LoopEvent.Tick());
        } else {
          batch.add(first);
          queue.drainTo(batch, MAX_EVENTS_PER_FLUSH - 1);
          for (LoopEvent e : batch) handle(e);
          batch.clear();
        }
        flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      // A failed invariant: the state can no longer be trusted, so the server stops instead of serving it.
      log.error("coord event loop failed; stopping the server", e);
      failure = e instanceof Exception ex ? ex : new IllegalStateException(e);
    } finally {
      for (Connection c : List.copyOf(connections.values())) c.channel.close();
      flush();
    }
  }

  private void handle(LoopEvent event) throws InterruptedException {
    switch (event) {
      case LoopEvent.Opened e -> onOpened(e.conn());
      case LoopEvent.Connect e -> onConnect(e.conn(), e.request());
      case LoopEvent.Packet e -> onPacket(e.conn(), e.packet(), e.receivedNanos());
      case LoopEvent.FourLetter e -> onFourLetter(e.conn(), e.word());
      case LoopEvent.Closed e -> onClosed(e.conn());
      case LoopEvent.Durable e -> onDurable(e.zxid());
      case LoopEvent.StorageFailed e -> {
        log.error("storage failed; the server stops rather than acknowledge writes it cannot make durable", e.cause());
        failure = e.cause();
        running = false;
      }
      case LoopEvent.SnapshotFinished e -> snapshots.finished();
      case LoopEvent.Tick e -> onTick();
      case LoopEvent.Shutdown e -> running = false;
      case LoopEvent.LogSynced e -> zab.onLogSynced(e.generation(), e.zxid());
      case LoopEvent.PeerReceived e -> zab.onPeerMessage(e.fromId(), e.port(), e.message());
      case LoopEvent.PeerDisconnected e -> zab.onPeerDisconnected(e.peerId(), e.port());
      case LoopEvent.ZabStart e -> zab.start();
      case LoopEvent.Probe e -> e.action().accept(this);
    }
    if (zab != null) zab.afterEvent(clock.monoMillis());
    if (queue.isEmpty()) onTickIfDue();
  }

  private long lastTickMs;

  private void onTickIfDue() throws InterruptedException {
    long now = clock.monoMillis();
    if (now - lastTickMs >= config.tickTimeMs() / 2) onTick();
  }

  // ---- connections -------------------------------------------------------------------------------------

  private void onOpened(Connection conn) {
    int n = perIp.merge(conn.clientIp, 1, Integer::sum);
    connections.put(conn.id, conn);
    if (config.maxClientConnections() > 0 && n > config.maxClientConnections()) {
      log.warn("too many connections from {} (max {}); closing the new one", conn.clientIp, config.maxClientConnections());
      conn.channel.close();
    }
  }

  private void onClosed(Connection conn) {
    if (conn.closed) return;
    conn.closed = true;
    conn.flush(); // releases whatever it had not sent
    connections.remove(conn.id);
    perIp.computeIfPresent(conn.clientIp, (k, v) -> v == 1 ? null : v - 1);
    tree.watches().removeWatcher(conn.id);
    if (conn.sessionId != 0 && bySession.get(conn.sessionId) == conn) bySession.remove(conn.sessionId);
    for (Connection.Pending p : conn.fifo) if (p.reply != null) p.reply.release();
    conn.fifo.clear();
    conn.held.clear();
    dirty.remove(conn);
  }

  private void close(Connection conn) {
    conn.flush();
    conn.channel.close();
    onClosed(conn);
  }

  private void onConnect(Connection conn, ConnectRequest req) throws InterruptedException {
    if (conn.closed) return;
    long now = clock.monoMillis();
    if (zab != null && !zab.serving() && zab.holdingClients()) {
      conn.held.add(new LoopEvent.Connect(conn, req)); // answered once a new leader is up, or closed
      return;
    }
    // Not serving: refused, unless read-only mode is on and the client accepts a read-only server.
    boolean readOnly = zab != null && !zab.serving();
    if (readOnly && !(zab.readOnlyMode() && req.readOnly())) {
      log.info("refusing {}: this server is not serving (no quorum, or electing a leader)", conn.remote);
      close(conn);
      return;
    }
    conn.readOnly = readOnly;
    if (req.lastZxidSeen() > tree.lastProcessedZxid()) {
      log.info("refusing {}: client has seen zxid 0x{} but this server is at 0x{}; client must try another server",
          conn.remote, Long.toHexString(req.lastZxidSeen()), Long.toHexString(tree.lastProcessedZxid()));
      close(conn);
      return;
    }
    if (req.sessionId() == 0) {
      int timeout = SessionTable.negotiateTimeout(req.timeOut(), config.minSessionTimeoutMs(), config.maxSessionTimeoutMs());
      long sessionId = sessions.nextSessionId();
      sessions.add(sessionId, timeout, now);
      attach(conn, sessionId, timeout);
      if (readOnly) { // a local session, as ZooKeeper's read-only server gives: never replicated
        readOnlySessions.add(sessionId);
        sendConnectResponse(conn, new ConnectResponse(0, timeout, sessionId, SessionTable.password(sessionId), true,
            req.readOnlyPresent()));
        return;
      }
      Connection.Pending pending = new Connection.Pending(0, OpCode.CREATE_SESSION, System.nanoTime(), null);
      pending.connect = req;
      conn.fifo.add(pending);
      if (zab != null) {
        zab.createSession(conn, sessionId, timeout);
      } else {
        submit(new InFlight(prep.prepareCreateSession(sessionId, timeout, ++lastZxid, clock.wallMillis()), conn, pending, null));
      }
      return;
    }
    boolean ok = sessions.isLive(req.sessionId()) && SessionTable.passwordMatches(req.sessionId(), req.passwd());
    if (!ok) {
      sendConnectResponse(conn, new ConnectResponse(0, 0, 0, new byte[SessionTable.PASSWORD_LENGTH], false, req.readOnlyPresent()));
      close(conn);
      return;
    }
    Connection previous = bySession.get(req.sessionId());
    if (previous != null && previous != conn) {
      log.info("session 0x{} moved from {} to {}", Long.toHexString(req.sessionId()), previous.remote, conn.remote);
      close(previous);
    }
    int timeout = sessions.timeoutOf(req.sessionId());
    sessions.touch(req.sessionId(), now);
    if (zab != null) zab.touched(req.sessionId(), timeout);
    attach(conn, req.sessionId(), timeout);
    sendConnectResponse(conn, new ConnectResponse(0, timeout, req.sessionId(), SessionTable.password(req.sessionId()),
        readOnly, req.readOnlyPresent()));
  }

  private void attach(Connection conn, long sessionId, int timeoutMs) {
    conn.attach(sessionId, timeoutMs);
    bySession.put(sessionId, conn);
  }

  private void sendConnectResponse(Connection conn, ConnectResponse resp) {
    conn.write(Replies.frame(ConnectCodec.encodeResponse(resp)));
    dirty.add(conn);
  }

  // ---- requests ----------------------------------------------------------------------------------------

  private void onPacket(Connection conn, RequestPacket pkt, long receivedNanos) throws InterruptedException {
    if (conn.closed) return;
    if (zab != null && !zab.serving() && !conn.readOnly) {
      if (!zab.holdingClients()) {
        close(conn);
        return;
      }
      // Waiting for a new leader: pings of an established session are answered (the client must not time the
      // server out), everything else waits, in order, behind whatever already waits.
      if (pkt.xid() != OpCode.XID_PING || !conn.held.isEmpty() || conn.sessionId == 0) {
        conn.held.add(new LoopEvent.Packet(conn, pkt, receivedNanos));
        return;
      }
    }
    stats.received();
    if (conn.sessionId == 0 && conn.fifo.isEmpty()) {
      log.warn("closing {}: request before the session handshake completed", conn.remote);
      close(conn);
      return;
    }
    sessions.touch(conn.sessionId, clock.monoMillis());
    if (zab != null) zab.touched(conn.sessionId, conn.timeoutMs);
    conn.lastCxid = pkt.xid();
    conn.lastOp = OpNames.shortName(pkt.opCode());
    if (pkt.xid() == OpCode.XID_PING) {
      answer(conn, Replies.reply(OpCode.XID_PING, tree.lastProcessedZxid(), Code.OK, new Response.Empty()), receivedNanos);
      return;
    }
    if (pkt.xid() == OpCode.XID_AUTH || pkt.opCode() == OpCode.AUTH) {
      onAuth(conn, pkt, receivedNanos);
      return;
    }
    Connection.Pending pending;
    if (conn.readOnly && (OpNames.isWrite(pkt.opCode()) || pkt.opCode() == OpCode.SYNC)) {
      // Read-only: writes and sync fail with NOTREADONLY; a close ends the connection (a local session ends too).
      boolean close = pkt.opCode() == OpCode.CLOSE_SESSION;
      if (close && readOnlySessions.remove(conn.sessionId)) sessions.remove(conn.sessionId);
      pending = ready(pkt, receivedNanos, Replies.reply(pkt.xid(), tree.lastProcessedZxid(),
          close ? Code.OK : Code.NOTREADONLY, new Response.Empty()));
      pending.closeAfter = close;
    } else if (!sessions.isLive(conn.sessionId)) {
      // Expired or already closing: a close is acknowledged, anything else is told the session is gone.
      boolean close = pkt.opCode() == OpCode.CLOSE_SESSION;
      pending = ready(pkt, receivedNanos,
          Replies.reply(pkt.xid(), tree.lastProcessedZxid(), close ? Code.OK : Code.SESSIONEXPIRED, new Response.Empty()));
      pending.closeAfter = close;
    } else if (OpNames.isWrite(pkt.opCode())) {
      pending = new Connection.Pending(pkt.xid(), pkt.opCode(), receivedNanos, null);
      if (pkt.opCode() == OpCode.CLOSE_SESSION) pending.closeAfter = true;
      conn.fifo.add(pending);
      if (zab != null) {
        if (pkt.opCode() == OpCode.CLOSE_SESSION) sessions.setClosing(conn.sessionId);
        zab.write(conn, pkt);
        return;
      }
      Prepared p = pkt.opCode() == OpCode.CLOSE_SESSION
          ? prep.prepareCloseSession(conn.sessionId, pkt.xid(), ++lastZxid, clock.wallMillis())
          : prep.prepare(conn.session(), pkt.xid(), pkt.opCode(), pkt.body(), ++lastZxid, clock.wallMillis());
      if (pkt.opCode() == OpCode.CLOSE_SESSION) sessions.setClosing(conn.sessionId);
      submit(new InFlight(p, conn, pending, null));
      return;
    } else if (zab != null && pkt.opCode() == OpCode.SYNC && pkt.body() instanceof Request.Sync sync) {
      // sync waits for the leader: every txn proposed before it reached the leader is applied here first.
      pending = new Connection.Pending(pkt.xid(), pkt.opCode(), receivedNanos, null);
      conn.fifo.add(pending);
      zab.sync(conn, pending, sync.path());
      return;
    } else if (OpNames.isRead(pkt.opCode())) {
      pending = new Connection.Pending(pkt.xid(), pkt.opCode(), receivedNanos, pkt.body());
    } else {
      pending = ready(pkt, receivedNanos, Replies.reply(pkt.xid(), tree.lastProcessedZxid(), Code.UNIMPLEMENTED, new Response.Empty()));
    }
    conn.fifo.add(pending);
    drain(conn);
  }

  private Connection.Pending ready(RequestPacket pkt, long receivedNanos, ByteBuf reply) {
    Connection.Pending p = new Connection.Pending(pkt.xid(), pkt.opCode(), receivedNanos, null);
    p.reply = reply;
    return p;
  }

  private void onAuth(Connection conn, RequestPacket pkt, long receivedNanos) {
    if (!(pkt.body() instanceof Request.Auth auth)) {
      close(conn);
      return;
    }
    var ids = Auth.authenticateAll(auth.scheme(), auth.auth(), conn.clientIp);
    if (!ids.isEmpty()) {
      ids.forEach(conn::addAuth);
      answer(conn, Replies.reply(OpCode.XID_AUTH, 0, Code.OK, new Response.Empty()), receivedNanos);
    } else {
      log.info("authentication failed for {} with scheme {}", conn.remote, auth.scheme());
      answer(conn, Replies.reply(OpCode.XID_AUTH, 0, Code.AUTHFAILED, new Response.Empty()), receivedNanos);
      close(conn);
    }
  }

  /** Sends a reply that bypasses the FIFO (ping, auth). */
  private void answer(Connection conn, ByteBuf reply, long receivedNanos) {
    conn.write(reply);
    dirty.add(conn);
    finished(conn, receivedNanos);
  }

  private void finished(Connection conn, long receivedNanos) {
    long latencyMs = (System.nanoTime() - receivedNanos) / 1_000_000L;
    conn.lastLatencyMs = latencyMs;
    stats.sent(latencyMs);
    ClientHandler.answered(conn, config.maxOutstandingPerConnection());
  }

  /** Answers the head of a connection's FIFO for as long as it can: ready replies go out, reads execute now. */
  void drain(Connection conn) {
    Connection.Pending head;
    while (!conn.closed && (head = conn.fifo.peek()) != null) {
      if (head.reply == null) {
        if (head.deferredRead == null) return; // a write not yet durable
        head.reply = executeRead(conn, head);
      }
      conn.fifo.poll();
      conn.write(head.reply);
      dirty.add(conn);
      if (head.opCode != OpCode.CREATE_SESSION) finished(conn, head.receivedNanos);
      if (head.closeAfter) close(conn);
    }
  }

  private ByteBuf executeRead(Connection conn, Connection.Pending p) {
    if (p.deferredRead instanceof Request.SetWatches sw) {
      for (Delivery d : reads.setWatches(sw, conn.id)) deliver(d);
      return Replies.reply(p.xid, tree.lastProcessedZxid(), Code.OK, new Response.Empty());
    }
    ReadResult r = reads.read(p.opCode, p.deferredRead, conn.session());
    return Replies.reply(p.xid, tree.lastProcessedZxid(), r.err(), r.body());
  }

  // ---- the write path ----------------------------------------------------------------------------------

  private void submit(InFlight f) throws InterruptedException {
    inFlight.add(f);
    sync.append(f.txn());
    if (snapshots.countTxn()) startSnapshot();
  }

  private void onDurable(long zxid) {
    InFlight f;
    while ((f = inFlight.peek()) != null && f.txn().header().zxid() <= zxid) {
      inFlight.poll();
      apply(f);
    }
  }

  private void apply(InFlight f) {
    var header = f.txn().header();
    Txn txn = f.txn().txn();
    ApplyResult result = applyTxn(header, txn, f.owner());
    if (f.collectedPath() != null) containers.collected(f.collectedPath());
    reply(f.owner(), f.pending(), header, txn, result);
  }

  /**
   * Ensemble: applies a committed txn (called by the Zab core through {@link ReplicatedTree}). Its reply goes to the
   * local connection of the txn's session when that connection's oldest unanswered write has the txn's cxid.
   */
  void applyCommitted(TxnHeader header, Txn txn) {
    Connection owner = bySession.get(header.clientId());
    Connection.Pending pending = owner == null ? null : oldestUnanswered(owner, false);
    if (pending == null || pending.xid != header.cxid()) {
      owner = null;
      pending = null;
    }
    if (txn instanceof Txn.CreateSession cs && !sessions.contains(header.clientId())) {
      sessions.add(header.clientId(), cs.timeOut(), clock.monoMillis());
    }
    ApplyResult result = applyTxn(header, txn, owner);
    // A failed container delete is an error txn without a path: it is handed out again after a reset (role change).
    if (txn instanceof Txn.Delete d && d.type() == OpCode.DELETE_CONTAINER) containers.collected(d.path());
    reply(owner, pending, header, txn, result);
    if (snapshots.countTxn()) {
      try {
        startSnapshot();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while rolling the txn log", e);
      }
    }
  }

  /** The oldest request still waiting for the quorum: a write or session request, or a sync if {@code syncs}. */
  private static Connection.Pending oldestUnanswered(Connection conn, boolean syncs) {
    for (Connection.Pending p : conn.fifo) {
      if (p.reply == null && p.deferredRead == null && (syncs || p.opCode != OpCode.SYNC)) return p;
    }
    return null;
  }

  private ApplyResult applyTxn(TxnHeader header, Txn txn, Connection owner) {
    ApplyResult result = tree.apply(header, txn);
    prep.applied(header.zxid());
    for (Delivery d : result.deliveries()) deliver(d);
    if (txn instanceof Txn.CloseSession) onSessionClosed(header.clientId(), owner);
    return result;
  }

  private void reply(Connection owner, Connection.Pending pending, TxnHeader header, Txn txn, ApplyResult result) {
    if (owner == null || owner.closed || pending == null) return;
    owner.lastZxid = header.zxid();
    pending.reply = pending.connect != null
        ? Replies.frame(ConnectCodec.encodeResponse(new ConnectResponse(0, owner.timeoutMs, owner.sessionId,
            SessionTable.password(owner.sessionId), false, pending.connect.readOnlyPresent())))
        : Replies.forWrite(pending.xid, pending.opCode, header.zxid(), txn, result);
    drain(owner);
  }

  /**
   * Ensemble: a leader's snapshot replaced the state (SNAP). Clients kept through the election close now: their
   * watches and unanswered requests belonged to the replaced tree (they reconnect and set their watches again).
   */
  void replaceState(DataTree restored, Map<Long, Integer> sessionTimeouts) {
    closeAllClients();
    tree = restored;
    prep = new Prep(restored);
    reads = new Reads(restored);
    sessions = Snapshotter.sessionTable(sessionTimeouts, config.tickTimeMs(), config.serverId(), clock.wallMillis(),
        clock.monoMillis());
    containers.reset();
  }

  /** Ensemble: forget prepared-but-unproposed changes (a new leadership starts from the applied tree). */
  void resetPrep() {
    prep = new Prep(tree);
    containers.reset();
  }

  /** Ensemble: every session gets a full timeout from now (a new leader starts tracking expiry). */
  void refreshSessionExpiry() {
    long now = clock.monoMillis();
    sessions.timeouts().forEach((id, timeout) -> sessions.add(id, timeout, now));
  }

  /** Closes every client connection; the local sessions of read-only mode end with them. */
  void closeAllClients() {
    for (Connection c : List.copyOf(connections.values())) close(c);
    readOnlySessions.forEach(sessions::remove);
    readOnlySessions.clear();
  }

  void closeClient(Connection conn) { close(conn); }

  /**
   * Ensemble: serving again after a short election (see {@link ZabDriver#holdingClients}). A client with a write,
   * sync or session request that went to the old leader and did not come back in the new leader's history cannot
   * learn its outcome: its connection closes, a ConnectionLoss as ZooKeeper gives. Every other client carries on,
   * and what it sent meanwhile is handled now, in order.
   */
  void resumeHeldClients() throws InterruptedException {
    for (Connection c : List.copyOf(connections.values())) {
      if (c.readOnly || oldestUnanswered(c, true) != null) close(c);
    }
    for (Connection c : List.copyOf(connections.values())) {
      List<LoopEvent> held = List.copyOf(c.held);
      c.held.clear();
      for (LoopEvent e : held) {
        switch (e) {
          case LoopEvent.Connect k -> onConnect(k.conn(), k.request());
          case LoopEvent.Packet p -> onPacket(p.conn(), p.packet(), p.receivedNanos());
          default -> throw new IllegalStateException("held " + e);
        }
      }
    }
  }

  long nowMs() { return clock.monoMillis(); }

  /** "standalone"; in an ensemble "leader", "follower", "observer", "read-only", or null while not serving. */
  String modeName() { return zab == null ? "standalone" : zab.mode(); }

  long wallMs() { return clock.wallMillis(); }

  private void onSessionClosed(long sessionId, Connection owner) {
    sessions.remove(sessionId);
    Connection conn = bySession.remove(sessionId);
    // The owner's own close waits for its reply (closeAfter); an expired session's connection closes now.
    if (conn != null && conn != owner) close(conn);
  }

  private void deliver(Delivery d) {
    Connection watcher = connections.get(d.watcherId());
    if (watcher == null || watcher.closed) return;
    // As ZooKeeper since 3.9.2: a watcher that may not read the znode is not told about it (the watch is used up).
    if (d.acl() != null && !Auth.allowed(d.acl(), Acl.READ, watcher.session().authIds())) return;
    watcher.write(Replies.notification(d));
    dirty.add(watcher);
  }

  // ---- time ---------------------------------------------------------------------------------------------

  private void onTick() throws InterruptedException {
    long now = clock.monoMillis();
    lastTickMs = now;
    if (zab != null) {
      zab.onSessionTick(now);
      stats.publish(this);
      return;
    }
    for (long sessionId : sessions.expire(now)) {
      log.info("session 0x{} expired", Long.toHexString(sessionId));
      submit(new InFlight(prep.prepareCloseSession(sessionId, 0, ++lastZxid, clock.wallMillis()), null, null, null));
    }
    for (String path : dueContainers(now)) {
      submit(new InFlight(prep.prepareDeleteContainer(path, ++lastZxid, clock.wallMillis()), null, null, path));
    }
    stats.publish(this);
  }

  /** Empty containers and expired TTL nodes to delete now (each once until its delete applies); none between checks. */
  List<String> dueContainers(long now) { return containers.due(now, clock.wallMillis(), tree); }

  // ---- snapshots ----------------------------------------------------------------------------------------

  /** The next txn starts a new log file, and the tree is written in the background (fuzzy, as ZooKeeper's). */
  private void startSnapshot() throws InterruptedException {
    sync.roll();
    snapshots.started();
    long zxid = tree.lastProcessedZxid();
    Map<Long, Integer> sessionTimeouts = sessions.timeouts();
    snapshotter.takeAsync(zxid, sessionTimeouts, tree, failure -> post(new LoopEvent.SnapshotFinished(zxid, failure)));
  }

  // ---- four-letter words -------------------------------------------------------------------------------

  private void onFourLetter(Connection conn, String word) {
    String text = config.allows4lw(word)
        ? FourLetterWords.render(word, this, config)
        : word + " is not executed because it is not in the whitelist.\n";
    conn.write(Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8)));
    close(conn);
  }

  int outstanding() {
    int n = 0;
    for (Connection c : connections.values()) n += c.fifo.size();
    return n;
  }

  int inFlightCount() { return inFlight.size(); }

  private void flush() {
    if (zab != null) zab.flushPeers();
    for (Connection c : dirty) c.flush();
    dirty.clear();
  }
}
