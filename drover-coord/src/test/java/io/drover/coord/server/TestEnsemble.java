package io.drover.coord.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.zookeeper.ZooKeeper;
import org.awaitility.Awaitility;

/**
 * An in-process coord ensemble on free loopback ports, for tests: {@code voters} voters then {@code observers}
 * observers, ids from 1. Servers can be stopped and started again on the same ports and data directories.
 * tickTime 100 ms (syncLimit 0.5 s, initLimit 1 s) keeps failover fast; fsync is off (in-process, durability
 * across machine crashes is not under test here).
 */
final class TestEnsemble implements AutoCloseable {
  static final int TICK_MS = 100;

  private record Member(long id, int clientPort, int quorumPort, int electionPort, boolean observer, Path dataDir) {}

  private final Map<Long, Member> members = new LinkedHashMap<>();
  private final Map<Long, CoordServer> running = new LinkedHashMap<>();
  private final Peers peers;
  private final java.util.function.UnaryOperator<CoordConfig.Builder> settings;
  /** Small in tests that check the leader's backlog of writes waiting for room. */
  int maxOutstandingProposals = Ensemble.DEFAULT_MAX_OUTSTANDING_PROPOSALS;
  /** Servers started from now on accept read-only clients while not serving. */
  boolean readOnlyMode;

  private TestEnsemble(Path root, int voters, int observers, java.util.function.UnaryOperator<CoordConfig.Builder> settings)
      throws IOException {
    this.settings = settings;
    List<String> spec = new ArrayList<>();
    for (int i = 1; i <= voters + observers; i++) {
      Member m = new Member(i, freePort(), freePort(), freePort(), i > voters, root.resolve("server" + i));
      members.put(m.id(), m);
      spec.add(m.id() + "=127.0.0.1:" + m.quorumPort() + ":" + m.electionPort() + (m.observer() ? ":observer" : ""));
    }
    peers = Peers.parse(String.join(",", spec));
  }

  static TestEnsemble start(Path root, int voters, int observers) throws Exception {
    return start(root, voters, observers, b -> b);
  }

  static TestEnsemble start(Path root, int voters, int observers,
      java.util.function.UnaryOperator<CoordConfig.Builder> settings) throws Exception {
    TestEnsemble e = new TestEnsemble(root, voters, observers, settings);
    for (long id : e.members.keySet()) e.start(id);
    return e;
  }

  /** Ports handed out by this JVM: the OS may offer a just-closed port again, which --peers would refuse. */
  private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private static int freePort() throws IOException {
    while (true) {
      try (ServerSocket s = new ServerSocket(0)) {
        if (HANDED_OUT.add(s.getLocalPort())) return s.getLocalPort();
      }
    }
  }

  String peersSpec() {
    return peers.all().stream().map(Peers.Peer::toString).collect(Collectors.joining(","));
  }

  void start(long id) throws Exception {
    Member m = members.get(id);
    CoordConfig config = settings.apply(CoordConfig.builder(m.dataDir(), m.clientPort()).bindAddress("127.0.0.1")
        .serverId(id).tickTimeMs(TICK_MS).minSessionTimeoutMs(2 * TICK_MS).maxSessionTimeoutMs(10_000)
        .forceSync(false).maxClientConnections(0).fourLetterWords(Set.of("*"))).build();
    running.put(id, CoordServer.startEnsemble(config, new Ensemble(peers, 10, 5, maxOutstandingProposals, readOnlyMode)));
  }

  void stop(long id) throws InterruptedException {
    CoordServer s = running.remove(id);
    if (s != null) s.close();
  }

  CoordServer server(long id) { return running.get(id); }

  /** Cuts {@code id} off from every other server (messages both ways are lost) until {@link #heal}. */
  void isolate(long id) {
    List<Long> others = members.keySet().stream().filter(o -> o != id).toList();
    running.get(id).transport().partition(others);
  }

  void heal(long id) { running.get(id).transport().heal(); }

  Set<Long> ids() { return members.keySet(); }

  Set<Long> runningIds() { return running.keySet(); }

  int clientPort(long id) { return members.get(id).clientPort(); }

  String connectString(long id) { return "127.0.0.1:" + clientPort(id); }

  /** Every server, running or not. */
  String connectString() {
    return members.keySet().stream().map(this::connectString).collect(Collectors.joining(","));
  }

  String mode(long id) throws InterruptedException { return running.get(id).mode(); }

  /** Waits until every running server serves and exactly one leads; returns the leader's id. */
  long awaitServing() {
    long[] leader = new long[1];
    Awaitility.await("every running server serving, one leader").atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50)).until(() -> {
          long leaders = 0;
          for (long id : running.keySet()) {
            String mode = mode(id);
            if (mode == null || mode.equals("read-only")) return false;
            if (mode.equals("leader")) {
              leaders++;
              leader[0] = id;
            }
          }
          return leaders == 1;
        });
    return leader[0];
  }

  /** A running server other than {@code leader} that follows (not an observer). */
  long aFollower(long leader) throws InterruptedException {
    for (long id : running.keySet()) if (id != leader && "follower".equals(mode(id))) return id;
    throw new IllegalStateException("no follower");
  }

  ZooKeeper client(long id) throws Exception { return CoordTestServer.connect(connectString(id), 10_000, null); }

  @Override public void close() throws Exception {
    for (long id : List.copyOf(running.keySet())) stop(id);
  }
}
