package io.drover.master.server;

import io.drover.master.api.v1.MasterInfo;
import io.drover.master.ha.MasterDetector;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Where this master stands, and the gate in front of {@code /api/v1*} and {@code /master/*}: only an acting,
 * recovered leader serves; a follower redirects (307, protocol-relative {@code Location: //leader:port/path}) to
 * the detected leader, or answers 503 "No leader elected"; a leader still recovering (or suspended) answers 503.
 */
final class Leadership {
  enum Phase {
    /** Not elected: redirect to the leader. */
    FOLLOWER,
    /** Elected, reading the registry: 503. */
    RECOVERING,
    /** Acting leader, registry recovered: serve. */
    LEADING,
    /** Elected but the ZooKeeper connection is down: 503 until re-confirmed. */
    SUSPENDED,
    /** Exiting (lost leadership, registry failure) or closed: 503. */
    STOPPED
  }

  private volatile Phase phase = Phase.FOLLOWER;
  private volatile long electedTimeMs;
  private final MasterDetector detector;
  private final String selfId;

  Leadership(MasterDetector detector, String selfId) {
    this.detector = detector;
    this.selfId = selfId;
  }

  Phase phase() { return phase; }

  synchronized void phase(Phase p) {
    if (phase == Phase.STOPPED) return;
    if (p == Phase.LEADING && electedTimeMs == 0) electedTimeMs = System.currentTimeMillis();
    phase = p;
  }

  /** The registry is recovered: serve, unless the connection was suspended meanwhile (or the master stopped). */
  synchronized void recovered() {
    if (phase == Phase.RECOVERING) phase(Phase.LEADING);
  }

  long electedTimeMs() { return electedTimeMs; }

  boolean isLeading() { return phase == Phase.LEADING; }

  /** The leader as detected; empty when none is known. */
  Optional<MasterInfo> leader() { return detector.leader().map(MasterDetector.Leader::info); }

  /** {@code //host:port} of a master: its hostname, else its address. */
  static String authority(MasterInfo info) {
    String host = info.hostname() != null && !info.hostname().isEmpty() ? info.hostname()
        : info.address() != null && info.address().ip() != null ? info.address().ip()
        : MasterInfo.unpackIp(info.ip());
    return "//" + host + ":" + info.port();
  }

  /** Before-handler: lets the request through only when leading; otherwise answers and stops it. */
  void gate(Context ctx) {
    Phase p = phase;
    if (p == Phase.LEADING) return;
    ctx.skipRemainingHandlers();
    switch (p) {
      case RECOVERING -> Http.text(ctx, 503, "Master is recovering its registry after election; retry shortly");
      case SUSPENDED -> Http.text(ctx, 503, "Master lost its ZooKeeper connection; not acting as leader until it "
          + "reconnects");
      case STOPPED -> Http.text(ctx, 503, "Master is stopping");
      case FOLLOWER -> redirect(ctx, ctx.path());
      case LEADING -> throw new AssertionError();
    }
  }

  /** 307 to the leader (+ {@code path} and query), or 503 when no other leader is known. */
  void redirect(Context ctx, String path) {
    Optional<MasterInfo> leader = leader();
    if (leader.isEmpty()) {
      Http.text(ctx, 503, "No leader elected");
      return;
    }
    if (leader.get().id().equals(selfId) && phase != Phase.LEADING) {
      Http.text(ctx, 503, "This master was just elected and is not serving yet; retry shortly");
      return;
    }
    String query = ctx.queryString();
    String location = authority(leader.get()) + path + (query == null || query.isEmpty() || path.isEmpty() ? ""
        : "?" + query);
    ctx.status(307).header("Location", location);
  }
}
