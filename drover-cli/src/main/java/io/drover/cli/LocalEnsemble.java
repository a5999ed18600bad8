package io.drover.cli;

import io.drover.coord.server.CoordConfig;
import io.drover.coord.server.CoordServer;
import io.drover.coord.server.Ensemble;
import io.drover.coord.server.Peers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

/**
 * {@code drover up --ensemble N}: N coord servers in this JVM forming one replicated ensemble on loopback, server i
 * (from 1) on client port coordPort+i-1, quorum port 2888+i-1 and election port 3888+i-1 (ZooKeeper's customary
 * ports), each replaced by a free port when taken. Server i keeps its state in {@code <dataDir>/coord-i}.
 */
final class LocalEnsemble implements AutoCloseable {
  static final String HOST = "127.0.0.1";
  static final int QUORUM_BASE = 2888;
  static final int ELECTION_BASE = 3888;

  /** One server's three ports. */
  record Ports(int client, int quorum, int election) {}

  private final List<CoordServer> servers;

  private LocalEnsemble(List<CoordServer> servers) { this.servers = servers; }

  /**
   * Ports for n servers: the customary ones where {@code free} says they are, otherwise ones from {@code fallback};
   * never the same port twice.
   */
  static List<Ports> choosePorts(int n, int clientBase, IntPredicate free, java.util.function.IntSupplier fallback) {
    Set<Integer> used = new HashSet<>();
    List<Ports> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new Ports(pick(clientBase + i, used, free, fallback), pick(QUORUM_BASE + i, used, free, fallback),
          pick(ELECTION_BASE + i, used, free, fallback)));
    }
    return out;
  }

  private static int pick(int wanted, Set<Integer> used, IntPredicate free, java.util.function.IntSupplier fallback) {
    int port = wanted;
    while (used.contains(port) || !free.test(port)) port = fallback.getAsInt();
    used.add(port);
    return port;
  }

  static boolean isFree(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port on " + HOST, e);
    }
  }

  /** Starts every server (each serves once a quorum has formed); on failure stops those already started. */
  static LocalEnsemble start(Path dataDir, int n, int coordPort, int metricsPort) throws Exception {
    List<Ports> ports = choosePorts(n, coordPort, LocalEnsemble::isFree, LocalEnsemble::freePort);
    List<String> spec = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      spec.add((i + 1) + "=" + HOST + ":" + ports.get(i).quorum() + ":" + ports.get(i).election());
    }
    Ensemble ensemble = Ensemble.of(Peers.parse(String.join(",", spec)));
    List<CoordServer> started = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        CoordConfig config = CoordConfig.builder(dataDir.resolve("coord-" + (i + 1)), ports.get(i).client())
            .bindAddress(HOST).serverId(i + 1).metricsPort(i == 0 ? metricsPort : 0).build();
        started.add(CoordServer.startEnsemble(config, ensemble));
      }
    } catch (Exception e) {
      Roles.closeAll(started.reversed().toArray(AutoCloseable[]::new));
      throw e;
    }
    return new LocalEnsemble(List.copyOf(started));
  }

  List<CoordServer> servers() { return servers; }

  /** Waits until every server serves (a leader is elected and everyone synced); false after {@code timeoutMs}. */
  boolean awaitServing(long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
    while (System.nanoTime() < deadline) {
      boolean all = true;
      for (CoordServer s : servers) all &= s.mode() != null;
      if (all) return true;
      Thread.sleep(100);
    }
    return false;
  }

  /** host:port,host:port,... of every server, for ZooKeeper clients. */
  String connectString() { return connectString(servers); }

  /** The connect string of coord servers listening on loopback (one standalone server, or an ensemble). */
  static String connectString(List<CoordServer> servers) {
    return servers.stream().map(s -> HOST + ":" + s.clientPort()).collect(Collectors.joining(","));
  }

  @Override public void close() {
    Roles.closeAll(servers.reversed().toArray(AutoCloseable[]::new));
  }
}
