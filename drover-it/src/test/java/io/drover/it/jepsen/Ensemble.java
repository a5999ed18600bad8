package io.drover.it.jepsen;

import io.drover.it.FourLetterWords;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;

/**
 * An ensemble of servers as OS processes on loopback ({@link ServerKind}: Apache ZooKeeper or {@code drover coord}),
 * with every directed peer link A→B (the connections A opens to B's quorum and election ports) carried by its own
 * pair of {@link FaultProxy}s. Partitions can therefore be symmetric (cut A→B and B→A), asymmetric (cut only the
 * connections one side opens) or isolate one server. Clients connect to the servers directly, never through a proxy.
 *
 * <p>{@link #close} kills every process and closes every proxy; data directories live under the caller's directory.
 */
public final class Ensemble implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private record Link(int from, int to) {}

  private record LinkProxies(FaultProxy quorum, FaultProxy election) {}

  private final ServerKind kind;
  private final Path dir;
  private final Map<Integer, Member> members = new LinkedHashMap<>();
  private final Map<Link, LinkProxies> links = new LinkedHashMap<>();
  private final Map<Integer, ServerProcess> processes = new LinkedHashMap<>();

  private Ensemble(ServerKind kind, Path dir) {
    this.kind = kind;
    this.dir = dir;
  }

  /**
   * Starts {@code voters} voting servers (ids 1..voters) and {@code observers} observers (the next ids) in parallel
   * and returns once each answers {@code ruok}; a server that exits while starting throws
   * {@link ServerProcess.StartFailed} (after everything started is freed).
   */
  public static Ensemble start(ServerKind kind, int voters, int observers, Path dir) throws IOException {
    Ensemble e = new Ensemble(kind, dir);
    // The members' ports stay bound until the proxies (port 0) are up: released at once, the OS could hand one of
    // them to a proxy, or the same one twice, and a server would then fail with "Address already in use".
    List<ServerSocket> reserved = new ArrayList<>();
    try {
      for (int id = 1; id <= voters + observers; id++) {
        e.members.put(id, new Member(id, id > voters, reserve(reserved), reserve(reserved), reserve(reserved)));
      }
      for (Member from : e.members.values()) {
        for (Member to : e.members.values()) {
          if (from.id() == to.id()) continue;
          String name = from.id() + "->" + to.id();
          e.links.put(new Link(from.id(), to.id()), new LinkProxies(
              FaultProxy.start(name + "-quorum", loopback(to.quorumPort())),
              FaultProxy.start(name + "-election", loopback(to.electionPort()))));
        }
      }
      for (Map.Entry<Link, LinkProxies> l : e.links.entrySet()) {
        int replyPort = e.links.get(new Link(l.getKey().to(), l.getKey().from())).election().port();
        kind.electionHandshake(replyPort).ifPresent(h -> l.getValue().election().handshake(h));
      }
      release(reserved);
      List<Thread> starters = new ArrayList<>();
      Map<Integer, RuntimeException> failures = new ConcurrentHashMap<>();
      for (int id : e.members.keySet()) {
        starters.add(Thread.ofVirtual().start(() -> {
          try {
            e.launch(id);
          } catch (IOException | RuntimeException ex) {
            failures.put(id, ex instanceof RuntimeException re ? re : new IllegalStateException(ex));
          }
        }));
      }
      for (Thread t : starters) t.join();
      if (!failures.isEmpty()) {
        List<RuntimeException> all = List.copyOf(failures.values());
        for (RuntimeException other : all.subList(1, all.size())) all.getFirst().addSuppressed(other);
        throw all.getFirst();
      }
      return e;
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      e.close();
      throw new IllegalStateException("interrupted while starting the ensemble", ex);
    } catch (IOException | RuntimeException ex) {
      e.close();
      throw ex;
    } finally {
      release(reserved);
    }
  }

  /** {@link #start} with Apache ZooKeeper 3.9 servers. */
  public static Ensemble zooKeeper(int voters, int observers, Path dir) throws IOException {
    return start(new ZooKeeperServer(), voters, observers, dir);
  }

  /** {@link #start} with {@code drover coord} servers. */
  public static Ensemble coord(int voters, int observers, Path dir) throws IOException {
    return start(new CoordServer(), voters, observers, dir);
  }

  private void launch(int id) throws IOException {
    Member me = members.get(id);
    List<Member> view = members.values().stream()
        .map(m -> m.id() == id ? m : m.via(links.get(new Link(id, m.id())).quorum().port(),
            links.get(new Link(id, m.id())).election().port()))
        .toList();
    List<String> args = kind.jvmArgs(me, view, dir.resolve("server-" + id));
    ServerProcess p = ServerProcess.start(kind.name() + " " + id, args, dir.resolve("server-" + id + ".log"),
        me.clientPort(), START_TIMEOUT);
    synchronized (processes) {
      processes.put(id, p);
    }
  }

  public ServerKind kind() { return kind; }

  public List<Integer> ids() { return List.copyOf(members.keySet()); }

  public List<Integer> voters() { return members.values().stream().filter(m -> !m.observer()).map(Member::id).toList(); }

  public Member member(int id) { return members.get(id); }

  /** All servers' client addresses. */
  public String connectString() {
    return members.values().stream().map(m -> "127.0.0.1:" + m.clientPort()).collect(Collectors.joining(","));
  }

  /** One server's client address. */
  public String connectString(int id) { return "127.0.0.1:" + members.get(id).clientPort(); }

  public boolean isRunning(int id) {
    synchronized (processes) {
      ServerProcess p = processes.get(id);
      return p != null && p.isAlive();
    }
  }

  /** SIGKILL of server {@code id}; its data directory stays for {@link #restart}. */
  public void kill9(int id) {
    ServerProcess p;
    synchronized (processes) {
      p = processes.remove(id);
    }
    if (p != null) p.kill9();
  }

  /** Starts server {@code id} again on the same ports and data (killing it first if it runs). */
  public void restart(int id) throws IOException {
    kill9(id);
    launch(id);
  }

  /** The mode server {@code id} reports in {@code srvr} (leader, follower, observer), or empty when not serving. */
  public Optional<String> mode(int id) {
    String srvr = FourLetterWords.ask(members.get(id).clientPort(), "srvr");
    return srvr.lines().filter(l -> l.startsWith("Mode: ")).map(l -> l.substring("Mode: ".length()).trim()).findFirst();
  }

  /** The one running server that reports {@code Mode: leader}; empty when none or more than one do. */
  public Optional<Integer> leader() {
    List<Integer> leaders = members.keySet().stream().filter(this::isRunning)
        .filter(id -> mode(id).filter("leader"::equals).isPresent()).toList();
    return leaders.size() == 1 ? Optional.of(leaders.getFirst()) : Optional.empty();
  }

  /**
   * Waits until the ensemble serves: exactly one leader and every running server reporting a mode. Call after
   * {@link #heal} and with every server running to wait for full recovery.
   */
  public int awaitServing(Duration timeout) {
    return Awaitility.await("the ensemble serves with one leader").atMost(timeout).pollInterval(Duration.ofMillis(200))
        .until(() -> {
          Optional<Integer> leader = leader();
          boolean allServing = members.keySet().stream().filter(this::isRunning).allMatch(id -> mode(id).isPresent());
          return allServing ? leader.orElse(-1) : -1;
        }, id -> id > 0);
  }

  /** Cuts the directed link {@code from → to} (connections {@code from} opens to {@code to}). */
  public void cut(int from, int to, FaultProxy.PartitionMode mode) {
    LinkProxies l = links.get(new Link(from, to));
    l.quorum().partition(mode);
    l.election().partition(mode);
  }

  /** A symmetric partition between {@code side} and every other server. */
  public void partition(Collection<Integer> side, FaultProxy.PartitionMode mode) {
    Set<Integer> a = Set.copyOf(side);
    for (Link l : links.keySet()) if (a.contains(l.from()) != a.contains(l.to())) cut(l.from(), l.to(), mode);
  }

  /** Cuts only the connections {@code id} opens towards the others; theirs towards it stay up. */
  public void cutOutgoing(int id, FaultProxy.PartitionMode mode) {
    for (Link l : links.keySet()) if (l.from() == id) cut(l.from(), l.to(), mode);
  }

  /** Delays every peer link (zero: no delay). */
  public void delay(Duration delay) {
    for (LinkProxies l : links.values()) {
      l.quorum().delay(delay);
      l.election().delay(delay);
    }
  }

  /** Heals every link and removes any delay. */
  public void heal() {
    for (LinkProxies l : links.values()) {
      l.quorum().heal();
      l.election().heal();
    }
    delay(Duration.ZERO);
  }

  @Override public void close() {
    List<Integer> running;
    synchronized (processes) {
      running = List.copyOf(processes.keySet());
    }
    for (int id : running) kill9(id);
    for (LinkProxies l : links.values()) {
      l.quorum().close();
      l.election().close();
    }
  }

  private static InetSocketAddress loopback(int port) { return new InetSocketAddress(InetAddress.getLoopbackAddress(), port); }

  /** Binds a free loopback port and keeps it bound (in {@code reserved}) until {@link #release}. */
  private static int reserve(List<ServerSocket> reserved) throws IOException {
    ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    reserved.add(s);
    return s.getLocalPort();
  }

  private static void release(List<ServerSocket> reserved) throws IOException {
    for (ServerSocket s : reserved) s.close();
    reserved.clear();
  }
}
