package io.drover.coord.server;

import io.drover.coord.core.Effect;
import io.drover.coord.core.Outbox;
import io.drover.coord.core.PeerMessage;
import io.drover.coord.core.PeerMessageCodec;
import io.drover.coord.core.ProposeResult;
import io.drover.coord.core.ServerState;
import io.drover.coord.core.TouchSource;
import io.drover.coord.core.ZabConfig;
import io.drover.coord.core.ZabPeer;
import io.drover.coord.core.Zxid;
import io.drover.coord.server.PeerTransport.Port;
import io.drover.coord.tree.Prepared;
import io.drover.coord.tree.Session;
import io.drover.coord.wire.Code;
import io.drover.coord.wire.JuteInput;
import io.drover.coord.wire.JuteOutput;
import io.drover.coord.wire.MalformedFrameException;
import io.drover.coord.wire.OpCode;
import io.drover.coord.wire.RequestCodec;
import io.drover.coord.wire.RequestPacket;
import io.drover.coord.wire.Response;
import io.drover.coord.wire.TxnCodec;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the pure Zab core inside the coord loop: feeds it peer messages, ticks and log durability, carries out its
 * effects (sends, role changes, forwarded requests, syncs), and turns client writes into proposals (leader) or
 * forwarded requests (learner). Everything runs on the loop thread.
 *
 * <p>The core must not be re-entered from its own outbox, so effects that call back into it (a forwarded request
 * becomes a proposal; a send that found the connection broken becomes a disconnection) are queued and run once the
 * current core call returns; the queue holds at most what one core call emitted.
 *
 * <p>Messages go out through a {@link PeerSender}, which gives the core the delivery it assumes.
 */
final class ZabDriver implements Outbox, TouchSource, PeerTransport.Listener {
  private static final Logger log = LoggerFactory.getLogger(ZabDriver.class);
  /** How often the core gets a tick (its election timers need a few tens of ms). */
  static final long PEER_TICK_MS = 25;

  private final CoordLoop loop;
  private final ZabPeer peer;
  private final ZabTxnLog zabLog;
  private final int maxOutstandingProposals;
  private final boolean readOnlyMode;
  private PeerSender sender;

  private ServerState state = ServerState.LOOKING;
  private boolean serving;
  private long epoch;
  /** On a serving leader: the zxid the next proposal gets (the core assigns it; we prepare with it). */
  private long nextZxid;
  private boolean closeClients;
  /** Keeping clients through an election: until when (-1: not holding), and whether to resume them now. */
  private long holdUntilMs = -1;
  private boolean resumeClients;
  private final long holdMs;
  private long lastPeerTickMs;
  private boolean draining;
  private final ArrayDeque<Runnable> afterCall = new ArrayDeque<>();
  /** Sessions touched by local clients since the last PING (learners), with their timeouts. */
  private final Map<Long, Integer> touches = new LinkedHashMap<>();
  private final Map<Long, PendingSync> syncs = new HashMap<>();
  private long nextSyncToken;

  private record PendingSync(Connection conn, Connection.Pending pending, String path) {}

  private record EarlyLearner(PeerMessage info, long receivedMs) {}

  /** A write waiting on the leader for room among the outstanding proposals. */
  private record Waiting(LongFunction<Prepared> prepare, Runnable onRefused) {}

  /** Bound on writes waiting for room; clients have at most maxOutstandingPerConnection requests each anyway. */
  private static final int MAX_BACKLOG = 100_000;
  private final ArrayDeque<Waiting> backlog = new ArrayDeque<>();

  /** FOLLOWERINFO/OBSERVERINFO that arrived while this server was LOOKING, latest per learner. */
  private final Map<Long, EarlyLearner> earlyLearners = new HashMap<>();


  ZabDriver(CoordLoop loop, ZabConfig config, ZabTxnLog zabLog, EpochFileStore epochs, boolean readOnlyMode) {
    this.loop = loop;
    this.readOnlyMode = readOnlyMode;
    this.zabLog = zabLog;
    this.maxOutstandingProposals = config.maxOutstandingProposals();
    this.holdMs = config.tickMs();
    this.peer = new ZabPeer(config, zabLog, epochs, new ReplicatedTree(loop), this, this);
  }

  void setTransport(PeerTransport transport) { this.sender = new PeerSender(transport); }

  // ---- transport listener (Netty threads): post to the loop ----------------------------------------------

  @Override public void received(long fromId, Port port, byte[] message) {
    loop.post(new LoopEvent.PeerReceived(fromId, port, message));
  }

  @Override public void disconnected(long peerId, Port port) {
    loop.post(new LoopEvent.PeerDisconnected(peerId, port));
  }

  // ---- loop events ---------------------------------------------------------------------------------------

  void start() {
    long now = loop.nowMs();
    lastPeerTickMs = now;
    call(() -> peer.start(now));
  }

  void onPeerMessage(long fromId, Port port, byte[] bytes) {
    PeerMessage m;
    try {
      m = PeerMessageCodec.decode(bytes);
    } catch (PeerMessageCodec.MalformedMessageException e) {
      log.warn("dropping a malformed message from server {} on the {} port: {}", fromId, port, e.getMessage());
      return;
    }
    if (state == ServerState.LOOKING && PeerMessage.isLearnerInfo(m)) {
      earlyLearners.put(fromId, new EarlyLearner(m, loop.nowMs()));
      return;
    }
    call(() -> peer.onMessage(loop.nowMs(), fromId, m));
  }

  /**
   * A learner that decided on this server before this server itself finished its election. The core would refuse
   * it (as a closed quorum port), and the learner would look for a leader again while this server waits initLimit
   * for followers in vain. ZooKeeper's learner instead keeps retrying the leader's port; equivalently, the driver
   * holds its first message until this server's own election ends: LEADING delivers it, anything else refuses it.
   */
  private void onElectionOver() {
    long now = loop.nowMs();
    Map<Long, EarlyLearner> early = new HashMap<>(earlyLearners);
    earlyLearners.clear();
    early.forEach((id, e) -> {
      if (state == ServerState.LEADING && now - e.receivedMs() <= peer.config().initLimitMs()) {
        afterCall.add(() -> call(() -> peer.onMessage(loop.nowMs(), id, e.info())));
      } else {
        sender.drop(id);
      }
    });
  }

  void onPeerDisconnected(long peerId, Port port) {
    if (port == Port.ELECTION) {
      call(() -> peer.onPeerUnreachable(loop.nowMs(), peerId));
      return;
    }
    sender.broke(peerId);
    call(() -> peer.onDisconnected(loop.nowMs(), peerId));
  }

  void onLogSynced(long generation, long zxid) {
    if (generation == zabLog.generation()) call(() -> peer.onLogSynced(loop.nowMs(), zxid));
  }

  /** At the end of each loop turn: the peer messages of the turn leave together. */
  void flushPeers() {
    if (sender != null) sender.flush();
  }

  /**
   * After every loop event: core ticks when due, retries of unsent messages, closing, keeping or resuming clients
   * after a role change.
   */
  void afterEvent(long nowMs) throws InterruptedException {
    drainBacklog();
    if (nowMs - lastPeerTickMs >= PEER_TICK_MS) {
      lastPeerTickMs = nowMs;
      sender.retry();
      call(() -> peer.onTick(nowMs));
    }
    if (holdUntilMs >= 0 && nowMs > holdUntilMs) {
      log.info("no leader within {} ms; closing the client connections kept through the election", holdMs);
      holdUntilMs = -1;
      closeClients = true;
    }
    if (closeClients) {
      closeClients = false;
      loop.closeAllClients();
    }
    if (resumeClients) {
      resumeClients = false;
      loop.resumeHeldClients();
    }
  }

  /**
   * True while this server keeps its clients through an election. ZooKeeper closes every client connection when a
   * server loses its leader, and each client then sleeps up to a second before it reconnects, usually to a server
   * that is still electing. A coord server that was serving keeps its connections instead for up to one tickTime:
   * pings are answered, new handshakes and requests wait, and once it serves again they go on (see
   * {@link CoordLoop#resumeHeldClients}). No leader by then: the connections close as in ZooKeeper.
   */
  boolean holdingClients() { return holdUntilMs >= 0; }

  /** Leader only: expire sessions (closeSession txns) and collect containers, as the standalone loop does. */
  void onSessionTick(long nowMs) {
    if (!leading()) return;
    for (long sessionId : loop.sessions.expire(nowMs)) {
      log.info("session 0x{} expired", Long.toHexString(sessionId));
      propose(zxid -> loop.prep.prepareCloseSession(sessionId, 0, zxid, loop.wallMs()), IGNORE);
    }
    for (String path : loop.dueContainers(nowMs)) {
      propose(zxid -> loop.prep.prepareDeleteContainer(path, zxid, loop.wallMs()), IGNORE);
    }
  }

  // ---- client requests (from the loop) -------------------------------------------------------------------

  boolean serving() { return serving; }

  /** While not serving, accept clients that allow it as read-only (ZooKeeper's readonlymode.enabled). */
  boolean readOnlyMode() { return readOnlyMode; }

  /** A new session from a local client: proposed by the leader, forwarded by a learner. */
  void createSession(Connection conn, long sessionId, int timeoutMs) {
    if (leading()) {
      propose(zxid -> loop.prep.prepareCreateSession(sessionId, timeoutMs, zxid, loop.wallMs()),
          () -> loop.closeClient(conn));
    } else {
      forward(conn, ForwardedRequest.createSession(sessionId, timeoutMs, conn.clientIp));
    }
  }

  /** A local client's write (its pending reply is already queued on the connection). */
  void write(Connection conn, RequestPacket pkt) {
    Session s = conn.session();
    if (leading()) {
      propose(zxid -> prepare(s, pkt, zxid), () -> loop.closeClient(conn));
      return;
    }
    byte[] payload;
    try {
      payload = RequestCodec.encode(pkt);
    } catch (IllegalArgumentException e) {
      log.warn("closing {}: cannot forward its request: {}", conn.remote, e.getMessage());
      loop.closeClient(conn);
      return;
    }
    forward(conn, new ForwardedRequest(s.sessionId(), pkt.xid(), pkt.opCode(), conn.timeoutMs, s.authIds(),
        conn.clientIp, payload));
  }

  private Prepared prepare(Session s, RequestPacket pkt, long zxid) {
    return pkt.opCode() == OpCode.CLOSE_SESSION
        ? loop.prep.prepareCloseSession(s.sessionId(), pkt.xid(), zxid, loop.wallMs())
        : loop.prep.prepare(s, pkt.xid(), pkt.opCode(), pkt.body(), zxid, loop.wallMs());
  }

  private void forward(Connection conn, ForwardedRequest request) {
    boolean[] sent = new boolean[1];
    call(() -> sent[0] = peer.forward(loop.nowMs(), request.encode()));
    if (!sent[0]) loop.closeClient(conn);
  }

  /** A client's sync: answered once this server has applied everything proposed before it reached the leader. */
  void sync(Connection conn, Connection.Pending pending, String path) {
    long token = ++nextSyncToken;
    syncs.put(token, new PendingSync(conn, pending, path));
    boolean[] accepted = new boolean[1];
    call(() -> accepted[0] = peer.sync(loop.nowMs(), token));
    if (!accepted[0]) {
      syncs.remove(token);
      loop.closeClient(conn);
    }
  }

  /** A local client touched its session; a learner reports it to the leader in its next PING reply. */
  void touched(long sessionId, int timeoutMs) {
    if (state != ServerState.LEADING) touches.put(sessionId, timeoutMs);
  }

  @Override public byte[] drainTouches() {
    JuteOutput out = new JuteOutput(4 + touches.size() * 12);
    out.writeInt(touches.size());
    touches.forEach((id, timeout) -> out.writeLong(id).writeInt(timeout));
    touches.clear();
    return out.toByteArray();
  }

  // ---- the leader's write path ---------------------------------------------------------------------------

  private boolean leading() { return serving && state == ServerState.LEADING; }

  /**
   * Proposes a write on the leader: now, or once fewer than maxOutstandingProposals are in flight (behind every
   * write waiting before it, so each session's writes keep their order). {@code onRefused} runs if it never can
   * be proposed (this server stopped leading, or the backlog is full).
   */
  private void propose(LongFunction<Prepared> prepare, Runnable onRefused) {
    if (!leading()) {
      onRefused.run();
    } else if (backlog.isEmpty() && peer.pendingProposals() < maxOutstandingProposals) {
      if (!proposeNow(prepare)) onRefused.run();
    } else if (backlog.size() < MAX_BACKLOG) {
      backlog.add(new Waiting(prepare, onRefused));
    } else {
      log.warn("{} writes wait for the quorum; refusing more", backlog.size());
      onRefused.run();
    }
  }

  /** Proposes waiting writes while there is room (called after every loop event: commits make room). */
  private void drainBacklog() {
    while (!backlog.isEmpty() && leading() && peer.pendingProposals() < maxOutstandingProposals) {
      Waiting w = backlog.poll();
      if (!proposeNow(w.prepare())) w.onRefused().run();
    }
  }

  /**
   * Prepares a txn with the zxid the core will assign and proposes it. False when the core refuses (it is not in
   * broadcast any more); the prepared change is then discarded with all others.
   */
  private boolean proposeNow(LongFunction<Prepared> prepare) {
    long zxid = nextZxid;
    Prepared p = prepare.apply(zxid);
    byte[] txn = TxnCodec.encode(p.header(), p.txn());
    ProposeResult[] result = new ProposeResult[1];
    call(() -> result[0] = peer.propose(loop.nowMs(), txn));
    switch (result[0]) {
      case ProposeResult.Accepted a -> {
        if (a.zxid() != zxid) {
          throw new IllegalStateException("prepared " + Zxid.hex(zxid) + " but the core proposed " + Zxid.hex(a.zxid()));
        }
        nextZxid++;
        return true;
      }
      case ProposeResult.Refused r -> {
        log.warn("proposal refused: {}", r.reason());
        loop.resetPrep();
        return false;
      }
    }
  }

  private static final Runnable IGNORE = () -> { };

  private void onForwarded(long learnerId, byte[] bytes) {
    ForwardedRequest f;
    RequestPacket pkt;
    try {
      f = ForwardedRequest.decode(bytes);
      pkt = f.opCode() == OpCode.CREATE_SESSION ? null : RequestCodec.decode(f.payload());
    } catch (MalformedFrameException e) {
      log.warn("dropping a malformed request forwarded by server {}: {}", learnerId, e.getMessage());
      return;
    }
    // Refused only when this server stops leading (the learner then drops its clients too) or is overloaded.
    Runnable refused = () -> log.warn("could not propose a request forwarded by server {}", learnerId);
    if (pkt == null) {
      propose(zxid -> loop.prep.prepareCreateSession(f.sessionId(), f.timeoutMs(), zxid, loop.wallMs()), refused);
    } else {
      loop.sessions.touch(f.sessionId(), loop.nowMs());
      if (pkt.opCode() == OpCode.CLOSE_SESSION) loop.sessions.setClosing(f.sessionId());
      Session s = new Session(f.sessionId(), -1, f.authIds(), f.clientIp());
      propose(zxid -> prepare(s, pkt, zxid), refused);
    }
  }

  private void onLearnerPing(byte[] bytes) {
    if (state != ServerState.LEADING) return;
    try {
      JuteInput in = new JuteInput(bytes);
      if (!in.hasRemaining()) return;
      int n = in.readInt();
      long now = loop.nowMs();
      for (int i = 0; i < n; i++) {
        long id = in.readLong();
        in.readInt();
        loop.sessions.touch(id, now);
      }
    } catch (MalformedFrameException e) {
      log.warn("malformed session touches in a PING: {}", e.getMessage());
    }
  }

  // ---- effects -------------------------------------------------------------------------------------------

  @Override public void emit(Effect effect) {
    switch (effect) {
      case Effect.Send s -> {
        long to = s.to();
        if (!sender.send(to, s.message())) afterCall.add(() -> call(() -> peer.onDisconnected(loop.nowMs(), to)));
        // A vote that cannot leave now: the election need not wait for that peer's vote either.
        if (s.message() instanceof PeerMessage.Notification && !sender.electionConnected(to)) {
          afterCall.add(() -> call(() -> peer.onPeerUnreachable(loop.nowMs(), to)));
        }
      }
      case Effect.CloseConnection c -> sender.drop(c.peerId());
      case Effect.RoleChanged r -> onRoleChanged(r);
      case Effect.RequestFromLearner r -> afterCall.add(() -> onForwarded(r.learnerId(), r.request()));
      case Effect.LearnerPing p -> onLearnerPing(p.touches());
      case Effect.SyncDone s -> onSyncDone(s.token());
      case Effect.Committed c -> { }
    }
  }

  private void onRoleChanged(Effect.RoleChanged r) {
    if (r.state() != state || r.serving() != serving) {
      // A server that stops leading or following on its own says why (another's election needs no reason).
      boolean steppedDown = r.state() == ServerState.LOOKING && state != ServerState.LOOKING;
      String why = steppedDown && peer.lastStepDownReason() != null ? ": " + peer.lastStepDownReason() : "";
      log.info("server {}: {} in epoch {} (leader {}), {}{}", peer.config().myId(), r.state(), r.epoch(), r.leaderId(),
          r.serving() ? "serving" : "not serving", why);
    }
    boolean electionOver = state == ServerState.LOOKING && r.state() != ServerState.LOOKING;
    boolean wasServing = serving;
    state = r.state();
    epoch = r.epoch();
    serving = r.serving();
    boolean servingChanged = r.serving() != wasServing;
    loop.resetPrep();
    if (!leading()) backlog.clear(); // their clients are closed with every other (learners drop theirs too)
    if (!serving) syncs.clear();
    if (wasServing && !serving) {
      holdUntilMs = loop.nowMs() + holdMs;
    } else if (serving && holdUntilMs >= 0) {
      holdUntilMs = -1;
      resumeClients = true;
    } else if (holdUntilMs < 0 && (!serving || servingChanged)) {
      // As ZooKeeper: clients reconnect, possibly elsewhere (read-only clients too once this server serves again).
      closeClients = true;
    }
    if (state == ServerState.LOOKING) sender.clearQueues();
    if (electionOver) onElectionOver();
    if (serving && state == ServerState.LEADING) {
      nextZxid = Zxid.make(epoch, 1);
      loop.refreshSessionExpiry();
      touches.clear();
    }
  }

  private void onSyncDone(long token) {
    PendingSync s = syncs.remove(token);
    if (s == null || s.conn().closed) return;
    s.pending().reply = Replies.reply(s.pending().xid, loop.tree.lastProcessedZxid(), Code.OK, new Response.Sync(s.path()));
    loop.drain(s.conn());
  }

  /** Calls the core, then runs what its effects queued (which may call the core again). */
  private void call(Runnable coreCall) {
    coreCall.run();
    if (draining) return;
    draining = true;
    try {
      Runnable next;
      while ((next = afterCall.poll()) != null) next.run();
    } finally {
      draining = false;
    }
  }

  // ---- status (4lw, tests) -------------------------------------------------------------------------------

  /** ZooKeeper's Mode: leader, follower or observer; "read-only" or null while not serving. */
  String mode() {
    if (!serving) return readOnlyMode ? "read-only" : null;
    return switch (state) {
      case LEADING -> "leader";
      case FOLLOWING -> "follower";
      case OBSERVING -> "observer";
      case LOOKING -> null;
    };
  }

  /** ZooKeeper 3.9's zk_peer_state: the state, then the Zab phase. */
  String peerState() {
    return state == ServerState.LOOKING ? "looking"
        : state.name().toLowerCase(java.util.Locale.ROOT) + " - " + (serving ? "broadcast" : "synchronization");
  }

  ZabPeer peer() { return peer; }
}
