package io.drover.coord.server;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * The four-letter words, in ZooKeeper's output shapes, so tools that parse them ({@code zkServer.sh status}
 * reads {@code Mode:}, kazoo's {@code server_version} reads {@code envi}, monitoring scrapes {@code mntr}) work.
 * Rendered on the loop thread, so the figures are consistent with each other.
 */
final class FourLetterWords {
  /** What clients parse as the server version: ZooKeeper's protocol version, then ours. */
  static final String VERSION = "3.9.5-drover-0.1.0, built on 2026-11-23 00:00 UTC";

  private FourLetterWords() {}

  /** ZooKeeper's answer to the status words while the server is not part of a serving quorum. */
  static final String NOT_SERVING = "This ZooKeeper instance is not currently serving requests\n";

  static String render(String word, CoordLoop loop, CoordConfig config) {
    loop.stats.publish(loop);
    ServerStats.Snapshot s = loop.stats.published;
    String mode = loop.modeName();
    if (mode == null) {
      return switch (word) {
        case "ruok" -> "imok";
        case "isro" -> "null";
        case "envi" -> envi();
        case "conf" -> conf(config);
        default -> NOT_SERVING;
      };
    }
    return switch (word) {
      case "ruok" -> "imok";
      case "isro" -> "read-only".equals(mode) ? "ro" : "rw";
      case "srvr" -> "Zookeeper version: " + VERSION + "\n" + serverStats(loop, s);
      case "stat" -> "Zookeeper version: " + VERSION + "\nClients:\n" + connections(loop, false) + "\n" + serverStats(loop, s);
      case "cons" -> connections(loop, true) + "\n";
      case "mntr" -> mntr(loop, s);
      case "envi" -> envi();
      case "conf" -> conf(config);
      case "wchs" -> s.watchers() + " connections watching " + s.watchedPaths() + " paths\nTotal watches:" + s.watches() + "\n";
      default -> word + " is not supported by this server.\n";
    };
  }

  private static String serverStats(CoordLoop loop, ServerStats.Snapshot s) {
    return "Latency min/avg/max: " + s.minLatencyMs() + "/" + s.avgLatencyMs() + "/" + s.maxLatencyMs() + "\n"
        + "Received: " + loop.stats.packetsReceived() + "\n"
        + "Sent: " + loop.stats.packetsSent() + "\n"
        + "Connections: " + s.connections() + "\n"
        + "Outstanding: " + s.outstanding() + "\n"
        + "Zxid: 0x" + Long.toHexString(s.lastZxid()) + "\n"
        + "Mode: " + loop.modeName() + "\n"
        + "Node count: " + s.nodeCount() + "\n";
  }

  private static String connections(CoordLoop loop, boolean detailed) {
    StringBuilder b = new StringBuilder();
    for (Connection c : loop.connections.values()) {
      b.append(' ').append(c.remote.startsWith("/") ? c.remote : "/" + c.remote).append("[1](queued=").append(c.fifo.size())
          .append(",recved=").append(c.received.get()).append(",sent=").append(c.sent.get());
      if (detailed) {
        b.append(",sid=0x").append(Long.toHexString(c.sessionId)).append(",lop=").append(c.lastOp)
            .append(",est=").append(c.establishedWallMs).append(",to=").append(c.timeoutMs)
            .append(",lcxid=0x").append(Integer.toHexString(c.lastCxid)).append(",lzxid=0x").append(Long.toHexString(c.lastZxid))
            .append(",llat=").append(c.lastLatencyMs);
      }
      b.append(")\n");
    }
    return b.toString();
  }

  private static String mntr(CoordLoop loop, ServerStats.Snapshot s) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("zk_version", VERSION);
    m.put("zk_server_state", loop.modeName());
    m.put("zk_avg_latency", s.avgLatencyMs());
    m.put("zk_max_latency", s.maxLatencyMs());
    m.put("zk_min_latency", s.minLatencyMs());
    m.put("zk_packets_received", loop.stats.packetsReceived());
    m.put("zk_packets_sent", loop.stats.packetsSent());
    m.put("zk_num_alive_connections", s.connections());
    m.put("zk_outstanding_requests", s.outstanding());
    m.put("zk_znode_count", s.nodeCount());
    m.put("zk_watch_count", s.watches());
    m.put("zk_ephemerals_count", s.ephemerals());
    m.put("zk_approximate_data_size", s.dataSize());
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
      m.put("zk_open_file_descriptor_count", unix.getOpenFileDescriptorCount());
      m.put("zk_max_file_descriptor_count", unix.getMaxFileDescriptorCount());
    }
    m.put("zk_uptime", loop.stats.uptimeMs());
    m.put("zk_global_sessions", s.sessions());
    m.put("zk_local_sessions", 0);
    m.put("zk_pending_txns", s.inFlight());
    ZabDriver zab = loop.zab();
    if (zab != null) {
      m.put("zk_peer_state", zab.peerState());
      if ("leader".equals(loop.modeName())) {
        m.put("zk_learners", zab.peer().learnerCount());
        m.put("zk_synced_followers", zab.peer().syncedFollowers());
        m.put("zk_synced_observers", zab.peer().syncedObservers());
        m.put("zk_pending_proposals", zab.peer().pendingProposals());
      }
    }
    StringBuilder b = new StringBuilder();
    m.forEach((k, v) -> b.append(k).append('\t').append(v).append('\n'));
    return b.toString();
  }

  private static String envi() {
    Map<String, String> env = new java.util.LinkedHashMap<>();
    env.put("zookeeper.version", VERSION);
    String host;
    try {
      host = InetAddress.getLocalHost().getCanonicalHostName();
    } catch (UnknownHostException e) {
      host = "<NA>";
    }
    env.put("host.name", host);
    for (String key : new String[] {"java.version", "java.vendor", "java.home", "java.class.path", "java.library.path",
        "java.io.tmpdir", "os.name", "os.arch", "os.version", "user.name", "user.home", "user.dir"}) {
      env.put(key, System.getProperty(key, "<NA>"));
    }
    env.put("java.compiler", "<NA>");
    Runtime rt = Runtime.getRuntime();
    env.put("os.memory.free", rt.freeMemory() / (1024 * 1024) + "MB");
    env.put("os.memory.max", rt.maxMemory() / (1024 * 1024) + "MB");
    env.put("os.memory.total", rt.totalMemory() / (1024 * 1024) + "MB");
    StringBuilder b = new StringBuilder("Environment:\n");
    env.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
    return b.toString();
  }

  private static String conf(CoordConfig c) {
    StringBuilder b = new StringBuilder();
    b.append("clientPort=").append(c.clientPort()).append('\n')
        .append("secureClientPort=-1\n")
        .append("dataDir=").append(c.dataDir().toAbsolutePath().resolve("snap")).append('\n')
        .append("dataLogDir=").append(c.dataDir().toAbsolutePath().resolve("log")).append('\n')
        .append("tickTime=").append(c.tickTimeMs()).append('\n')
        .append("maxClientCnxns=").append(c.maxClientConnections()).append('\n')
        .append("minSessionTimeout=").append(c.minSessionTimeoutMs()).append('\n')
        .append("maxSessionTimeout=").append(c.maxSessionTimeoutMs()).append('\n')
        .append("clientPortListenBacklog=-1\n")
        .append("serverId=").append(c.serverId()).append('\n');
    return b.toString();
  }
}
