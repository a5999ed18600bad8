package io.drover.coord.core.sim;

import io.drover.common.random.Rng;
import io.drover.coord.core.Effect;
import io.drover.coord.core.PeerMessage;
import io.drover.coord.core.ProposeResult;
import io.drover.coord.core.Role;
import io.drover.coord.core.ServerState;
import io.drover.coord.core.ZabConfig;
import io.drover.coord.core.ZabPeer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * A deterministic simulation of a Zab ensemble: one seeded {@link Rng}, a virtual clock and a priority queue of
 * events. Servers crash (losing unsynced appends) and restart from their {@link SimDisk}; the {@link SimNetwork}
 * loses, duplicates, delays and partitions; a client proposes writes to the leader and counts a write as
 * acknowledged when the leader applies it. After a chaos phase everything heals and the run must make progress
 * within {@link #LIVENESS_BOUND_MS}: a new write is acknowledged, then every server serves the same state. The {@link InvariantChecker} watches every apply, restore and role change.
 */
final class Simulation {
  record Options(int voters, int observers, long chaosMs, boolean lyingDisk) {}

  static final long TICK_MS = 200;
  static final long MAX_NOTIFICATION_MS = 60_000;
  static final long LIVENESS_BOUND_MS = 2 * MAX_NOTIFICATION_MS + 30_000;
  private static final long ONTICK_EVERY_MS = 50;
  /** A run needs well under this; more means peers are ping-ponging messages (a liveness bug). */
  private static final long MAX_EVENTS = 2_000_000;

  private record Event(long atMs, long seq, Runnable action) {}

  private final class Node {
    final long id;
    final SimDisk disk = new SimDisk();
    long incarnation;
    boolean up;
    ZabPeer peer;
    SimState state;
    boolean fsyncInFlight;
    ServerState role = ServerState.LOOKING;
    boolean serving;
    final List<Effect> outbox = new ArrayList<>();

    Node(long id) { this.id = id; }
  }

  private final long seed;
  private final Options options;
  private final Rng rng;
  private final Map<Long, Role> members = new TreeMap<>();
  private final Map<Long, Node> nodes = new TreeMap<>();
  private final PriorityQueue<Event> queue =
      new PriorityQueue<>((a, b) -> a.atMs != b.atMs ? Long.compare(a.atMs, b.atMs) : Long.compare(a.seq, b.seq));
  private final SimNetwork net = new SimNetwork();
  private final InvariantChecker checker = new InvariantChecker();
  /** Writes proposed but not yet applied by their leader: (server, incarnation, zxid) to txn. */
  private final Map<List<Long>, byte[]> proposed = new HashMap<>();
  /** Syncs in flight: (server, incarnation, token) to the highest zxid acknowledged when it was issued. */
  private final Map<List<Long>, Long> syncs = new HashMap<>();
  private long syncTokens;
  private long syncsDone;
  private long seq;
  private long nowMs;
  private long writes;
  private boolean chaos = true;
  private double lossRate;
  private double duplicateRate;
  private long events;
  private long healedAtMs = -1;
  private long progressAtMs = -1;
  private final List<String> trace = new ArrayList<>();

  Simulation(long seed, Options options) {
    this.seed = seed;
    this.options = options;
    this.rng = Rng.seeded(seed);
    for (long id = 1; id <= options.voters() + options.observers(); id++) {
      members.put(id, id <= options.voters() ? Role.VOTER : Role.OBSERVER);
    }
    for (long id : members.keySet()) {
      Node n = new Node(id);
      n.disk.lieAboutFsync = options.lyingDisk();
      nodes.put(id, n);
    }
  }

  /** What a run did; {@code syncModes} counts DIFF, TRUNC and SNAP sent (to show those paths ran). */
  record Result(long events, long virtualMs, int committed, int acknowledged, long progressAfterHealMs,
      long[] syncModes, int crashes, int elections, long syncsDone) {}

  private final long[] syncModes = new long[3];
  private int crashes;
  private int elections;

  Result run() {
    for (Node n : nodes.values()) at(rng.nextInt(500), () -> restart(n));
    at(1_000, this::fault);
    at(200, this::client);
    at(options.chaosMs(), this::heal);
    long deadline = options.chaosMs() + LIVENESS_BOUND_MS;
    try {
      while (!queue.isEmpty()) {
        Event e = queue.poll();
        nowMs = e.atMs();
        if (nowMs > deadline || progressAtMs >= 0 && converged()) break;
        if (++events > MAX_EVENTS) {
          throw new InvariantChecker.InvariantViolation("event storm: more than " + MAX_EVENTS + " events");
        }
        e.action().run();
      }
      if (progressAtMs < 0) {
        throw new InvariantChecker.InvariantViolation("no write committed within " + LIVENESS_BOUND_MS
            + " ms after healing at " + healedAtMs + " ms; states " + describe());
      }
      if (!converged()) {
        throw new InvariantChecker.InvariantViolation("not every server serves the same state within "
            + LIVENESS_BOUND_MS + " ms after healing at " + healedAtMs + " ms; states " + describe());
      }
      for (Node n : nodes.values()) if (n.up) checker.finalState(n.id, n.state.applied);
    } catch (RuntimeException | AssertionError e) {
      throw new AssertionError("seed " + seed + " " + options + " failed at " + nowMs + " ms: " + e
          + "\nlast events:\n" + String.join("\n", trace.subList(Math.max(0, trace.size() - 40), trace.size()))
          + "\nreplay: ./mvnw -B -o -pl drover-coord test -Dtest=" + (options.lyingDisk() ? "InjectedBugTest" : "ZabSimulationTest")
          + " -Dsim.seed=" + seed, e);
    }
    return new Result(events, nowMs, checker.historySize(), checker.acknowledgedCount(),
        progressAtMs - healedAtMs, syncModes.clone(), crashes, elections, syncsDone);
  }

  /** Every server is up, serving, and has applied the same last zxid. */
  private boolean converged() {
    long applied = -1;
    for (Node n : nodes.values()) {
      if (!n.up || !n.serving) return false;
      long a = n.state.lastAppliedZxid();
      if (applied >= 0 && a != applied) return false;
      applied = a;
    }
    return true;
  }

  private String describe() {
    StringBuilder b = new StringBuilder();
    for (Node n : nodes.values()) {
      b.append(n.id).append('=').append(n.up ? n.role + (n.serving ? "*" : "") + "/e" + n.peer.epoch() + "/"
          + Long.toHexString(n.state.lastAppliedZxid()) : "down")
          .append(' ');
    }
    return b.toString();
  }

  private void at(long atMs, Runnable action) { queue.add(new Event(atMs, seq++, action)); }

  private void log(String s) {
    trace.add(nowMs + " " + s);
    if (trace.size() > 400) trace.subList(0, 200).clear();
  }

  // ---- servers

  private void restart(Node n) {
    if (n.up) return;
    n.up = true;
    n.incarnation++;
    n.role = ServerState.LOOKING;
    n.serving = false;
    n.fsyncInFlight = false;
    long id = n.id;
    n.state = new SimState(n.disk, new SimState.Observer() {
      @Override public void applied(long zxid, byte[] txn, long previousZxid) {
        checker.applied(id, zxid, txn, previousZxid);
      }

      @Override public void restored(TreeMap<Long, byte[]> content, long zxid, long previousZxid) {
        checker.restored(id, content, zxid, previousZxid);
      }
    });
    ZabConfig config = new ZabConfig(n.id, members, TICK_MS, 10, 5, 200, MAX_NOTIFICATION_MS, 20, 200);
    n.outbox.clear();
    n.peer = new ZabPeer(config, n.disk, n.disk, n.state, () -> ("touch" + id).getBytes(StandardCharsets.UTF_8),
        n.outbox::add);
    log("start " + id);
    call(n, () -> n.peer.start(nowMs));
    long inc = n.incarnation;
    tick(n, inc);
  }

  private void tick(Node n, long inc) {
    at(nowMs + ONTICK_EVERY_MS, () -> {
      if (!alive(n, inc)) return;
      call(n, () -> n.peer.onTick(nowMs));
      tick(n, inc);
    });
  }

  private void crash(Node n) {
    if (!n.up) return;
    log("crash " + n.id);
    crashes++;
    n.up = false;
    n.disk.crash();
    for (var e : net.allConns()) {
      long a = e.getKey() / 1_000;
      long b = e.getKey() % 1_000;
      if (a == n.id || b == n.id) close(a, b, a != n.id, b != n.id);
    }
    for (Node o : nodes.values()) if (o != n && rng.nextInt(2) == 0) unreachable(o, n.id);
  }

  /** Tells {@code n} that {@code peer}'s election connection is down (true or not: it may only speed a round up). */
  private void unreachable(Node n, long peer) {
    long inc = n.incarnation;
    at(nowMs + rng.nextInt(50), () -> {
      if (alive(n, inc)) call(n, () -> n.peer.onPeerUnreachable(nowMs, peer));
    });
  }

  private boolean alive(Node n, long inc) { return n.up && n.incarnation == inc; }

  /** Runs one input on a peer, then performs the effects it emitted, then starts an fsync if appends wait. */
  private void call(Node n, Runnable input) {
    input.run();
    List<Effect> effects = List.copyOf(n.outbox);
    n.outbox.clear();
    for (Effect e : effects) perform(n, e);
    maybeFsync(n);
  }

  private void perform(Node n, Effect effect) {
    switch (effect) {
      case Effect.Send s -> {
        if (events > MAX_EVENTS - 50) log(n.id + " -> " + s.to() + " " + s.message());
        switch (s.message()) {
          case PeerMessage.Diff d -> syncModes[0]++;
          case PeerMessage.Trunc t -> syncModes[1]++;
          case PeerMessage.Snap sn -> syncModes[2]++;
          default -> { }
        }
        send(n.id, s.to(), s.message());
      }
      case Effect.CloseConnection c -> {
        log(n.id + " closes " + c.peerId());
        close(n.id, c.peerId(), false, true);
      }
      case Effect.RoleChanged r -> {
        log(n.id + " " + r);
        n.role = r.state();
        n.serving = r.serving();
        if (r.state() == ServerState.LEADING && r.serving()) {
          elections++;
          checker.leaderServing(n.id, r.epoch(), n.state.applied);
        }
      }
      case Effect.Committed c -> {
        byte[] txn = proposed.remove(List.of(n.id, n.incarnation, c.zxid()));
        if (txn != null) {
          checker.acknowledged(c.zxid(), txn);
          if (healedAtMs >= 0 && progressAtMs < 0 && c.zxid() > 0 && nowMs >= healedAtMs) progressAtMs = nowMs;
        }
      }
      case Effect.RequestFromLearner r -> log(n.id + " request from " + r.learnerId());
      case Effect.LearnerPing p -> { }
      case Effect.SyncDone d -> {
        // sync then read: the server has applied every write acknowledged (and everything its leader proposed)
        // before the sync was issued
        Long needed = syncs.remove(List.of(n.id, n.incarnation, d.token()));
        if (needed == null) throw new InvariantChecker.InvariantViolation(n.id + ": unexpected SyncDone " + d.token());
        if (n.state.lastAppliedZxid() < needed) {
          throw new InvariantChecker.InvariantViolation(n.id + ": sync " + d.token() + " done at applied "
              + Long.toHexString(n.state.lastAppliedZxid()) + " before acknowledged " + Long.toHexString(needed));
        }
        syncsDone++;
      }
    }
  }

  private void maybeFsync(Node n) {
    if (n.fsyncInFlight || !n.disk.hasVolatile()) return;
    n.fsyncInFlight = true;
    long[] started = n.disk.startFsync();
    long inc = n.incarnation;
    long fsyncMs = rng.nextInt(5) > 0 ? 1 + rng.nextInt(15) : 20 + rng.nextInt(300); // sometimes a slow disk
    at(nowMs + fsyncMs, () -> {
      if (!alive(n, inc)) return;
      n.fsyncInFlight = false;
      long zxid = n.disk.completeFsync(started);
      if (zxid >= 0) {
        call(n, () -> n.peer.onLogSynced(nowMs, zxid));
      } else {
        maybeFsync(n);
      }
    });
  }

  // ---- network

  private long delayMs() {
    int r = rng.nextInt(100);
    return r < 90 ? 1 + rng.nextInt(10) : r < 99 ? 10 + rng.nextInt(100) : 100 + rng.nextInt(400);
  }

  private void send(long from, long to, PeerMessage m) {
    Node target = nodes.get(to);
    if (m instanceof PeerMessage.Notification) {
      if (net.isBlocked(from, to) || rng.nextDouble() < lossRate) return;
      deliverDatagram(target, from, m, nowMs + delayMs());
      if (rng.nextDouble() < duplicateRate) deliverDatagram(target, from, m, nowMs + delayMs());
      return;
    }
    SimNetwork.Conn c = net.conn(from, to);
    if (m instanceof PeerMessage.FollowerInfo || m instanceof PeerMessage.ObserverInfo) {
      c.gen++; // a new connection silently supersedes the learner's old one
      c.open = true;
      c.known.put(from, c.gen);
      c.known.put(to, -1L);
    } else if (!c.open || c.known.getOrDefault(from, -1L) != c.gen) {
      return; // no connection to write on
    }
    if (net.isBlocked(from, to)) {
      c.open = false; // the connection dies (silently) rather than leaving a gap in its stream
      c.gen++;
      return;
    }
    long gen = c.gen;
    long d = SimNetwork.directed(from, to);
    long atMs = Math.max(nowMs + delayMs(), net.lastDelivery.getOrDefault(d, 0L));
    net.lastDelivery.put(d, atMs);
    long inc = target.incarnation;
    at(atMs, () -> {
      if (!alive(target, inc) || c.gen != gen) return;
      if (m instanceof PeerMessage.FollowerInfo || m instanceof PeerMessage.ObserverInfo) c.known.put(to, gen);
      call(target, () -> target.peer.onMessage(nowMs, from, m));
    });
  }

  private void deliverDatagram(Node target, long from, PeerMessage m, long atMs) {
    at(atMs, () -> {
      if (target.up) call(target, () -> target.peer.onMessage(nowMs, from, m));
    });
  }

  /** Breaks the a-b connection; the chosen ends that knew it get onDisconnected now. */
  private void close(long a, long b, boolean notifyA, boolean notifyB) {
    SimNetwork.Conn c = net.conn(a, b);
    if (!c.open) return;
    c.open = false;
    long gen = c.gen++;
    if (notifyA && c.known.getOrDefault(a, -1L) == gen) disconnected(nodes.get(a), b);
    if (notifyB && c.known.getOrDefault(b, -1L) == gen) disconnected(nodes.get(b), a);
  }

  private void disconnected(Node n, long peer) {
    long inc = n.incarnation;
    at(nowMs, () -> {
      if (alive(n, inc)) call(n, () -> n.peer.onDisconnected(nowMs, peer));
    });
  }

  // ---- faults, client, healing

  private void fault() {
    if (!chaos) return;
    List<Node> all = List.copyOf(nodes.values());
    Node victim = all.get(rng.nextInt(all.size()));
    switch (rng.nextInt(10)) {
      case 0, 1 -> {
        crash(victim);
        at(nowMs + 200 + rng.nextInt(8_000), () -> { if (chaos) restart(victim); });
      }
      case 2 -> partition(all);
      case 3 -> {
        Node leader = all.stream().filter(n -> n.up && n.role == ServerState.LEADING).findFirst().orElse(victim);
        log("isolate " + leader.id);
        for (Node o : all) if (o != leader) cut(leader.id, o.id, true);
        at(nowMs + 500 + rng.nextInt(8_000), this::healNetwork);
      }
      case 4 -> {
        Node other = all.get(rng.nextInt(all.size()));
        if (other != victim) {
          log("block " + victim.id + "->" + other.id);
          cut(victim.id, other.id, false);
          at(nowMs + 500 + rng.nextInt(6_000), this::healNetwork);
        }
      }
      case 5 -> {
        for (var e : net.allConns()) {
          if (e.getValue().open && rng.nextInt(3) == 0) {
            log("reset " + e.getKey());
            close(e.getKey() / 1_000, e.getKey() % 1_000, true, true);
          }
        }
      }
      case 6 -> {
        lossRate = rng.nextInt(3) == 0 ? 0 : rng.nextDouble() * 0.3;
        duplicateRate = rng.nextDouble() * 0.2;
      }
      case 7 -> {
        log("power loss");
        for (Node n : all) {
          if (rng.nextInt(3) > 0) {
            crash(n);
            at(nowMs + 200 + rng.nextInt(5_000), () -> { if (chaos) restart(n); });
          }
        }
      }
      case 8 -> {
        Node other = all.get(rng.nextInt(all.size()));
        if (other != victim) unreachable(victim, other.id); // a false report: the election must not suffer from it
      }
      default -> { } // a quiet spell
    }
    at(nowMs + 100 + rng.nextInt(2_500), this::fault);
  }

  private void partition(List<Node> all) {
    List<Long> side = new ArrayList<>();
    for (Node n : all) if (rng.nextInt(2) == 0) side.add(n.id);
    log("partition " + side);
    for (Node a : all) {
      for (Node b : all) if (a.id < b.id && side.contains(a.id) != side.contains(b.id)) cut(a.id, b.id, true);
    }
    at(nowMs + 500 + rng.nextInt(10_000), this::healNetwork);
  }

  /** Blocks a-b (one way unless symmetric) and breaks their connection, noticed by the ends or not. */
  private void cut(long a, long b, boolean symmetric) {
    net.block(a, b);
    if (symmetric) net.block(b, a);
    boolean noticed = rng.nextInt(2) == 0;
    close(a, b, noticed, noticed);
    if (noticed) {
      unreachable(nodes.get(a), b);
      if (symmetric) unreachable(nodes.get(b), a);
    }
  }

  private void healNetwork() {
    if (chaos && net.anyBlocked()) log("heal network");
    net.healAll();
  }

  private void heal() {
    log("heal all");
    chaos = false;
    net.healAll();
    lossRate = 0;
    duplicateRate = 0;
    healedAtMs = nowMs;
    for (Node n : nodes.values()) restart(n);
  }

  /**
   * Everything proposed so far by the leader {@code n} is syncing with (itself included), if that leader still
   * runs the session {@code n} is in: a sync completes only after all of it is applied (ZooKeeper §2.5).
   */
  private long proposedBy(Node n) {
    Node leader = nodes.get(n.peer.leaderId());
    if (leader == null || !leader.up || leader.peer.state() != ServerState.LEADING
        || leader.peer.epoch() != n.peer.epoch()) {
      return 0;
    }
    return leader.peer.lastZxid();
  }

  private void client() {
    if (progressAtMs >= 0) return; // after the liveness write: let the servers converge
    for (Node n : nodes.values()) {
      if (!n.up || !n.serving) continue;
      if (n.role == ServerState.LEADING) {
        byte[] txn = ("s" + seed + "-w" + ++writes).getBytes(StandardCharsets.UTF_8);
        long inc = n.incarnation;
        ProposeResult r = n.peer.propose(nowMs, txn);
        if (r instanceof ProposeResult.Accepted a) proposed.put(List.of(n.id, inc, a.zxid()), txn);
        call(n, () -> { });
      } else if (rng.nextInt(10) == 0) {
        call(n, () -> n.peer.forward(nowMs, new byte[] {1}));
      }
      if (rng.nextInt(8) == 0) {
        long token = ++syncTokens;
        syncs.put(List.of(n.id, n.incarnation, token), Math.max(checker.maxAcknowledged(), proposedBy(n)));
        call(n, () -> {
          if (!n.peer.sync(nowMs, token)) syncs.remove(List.of(n.id, n.incarnation, token));
        });
      }
    }
    at(nowMs + 20 + rng.nextInt(200), this::client);
  }
}
