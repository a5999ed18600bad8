package io.drover.bench.zk;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.ZooKeeper;

/**
 * Starts peers as separate child JVMs on loopback, alone or as an ensemble, each on free ports with a
 * fresh temporary directory, all with the same JVM options. Readiness: the port answers {@code ruok}
 * (with anything, since coord may not speak four-letter words) and a client session connects and
 * reads {@code /}; an ensemble is ready when every member is and one reports {@code Mode: leader}.
 */
public final class Servers {
  /** How to launch child JVMs: the java binary, the classpath and the JVM options shared by all peers. */
  public record Launch(Path javaBin, String classpath, List<String> jvmOptions, long readyTimeoutMs) {
    public Launch {
      jvmOptions = List.copyOf(jvmOptions);
    }

    /** The bench JVM's own java binary and classpath (run it with a plain {@code java -cp}). */
    public static Launch ofCurrentJvm(List<String> jvmOptions, long readyTimeoutMs) {
      return new Launch(Path.of(System.getProperty("java.home"), "bin", "java"),
          System.getProperty("java.class.path"), jvmOptions, readyTimeoutMs);
    }
  }

  private Servers() {}

  /** Starts {@code peer} standalone and returns once it serves clients; the caller closes it. */
  public static RunningServer start(Peer peer, Launch launch) throws IOException, InterruptedException {
    RunningServer server = spawn(peer, new Placement.Standalone(freeLoopbackPort()), launch);
    try {
      awaitReady(server, launch.readyTimeoutMs());
      return server;
    } catch (IOException | InterruptedException | RuntimeException e) {
      String tail = server.logTail(40);
      server.close();
      throw new IOException(peer.label() + " did not become ready on port " + server.port() + ": " + e.getMessage()
          + "\ncommand: " + server.printableCommand() + "\n--- last lines of its log ---\n" + tail, e);
    }
  }

  /**
   * Starts {@code size} members of an ensemble of {@code peer}, all at once since each waits for a
   * quorum, and returns once every member serves clients and one of them reports {@code Mode: leader}.
   * A member that exits during startup fails the whole start at once, with its log.
   */
  public static RunningEnsemble startEnsemble(Peer peer, int size, Placement.QuorumTiming timing, Launch launch)
      throws IOException, InterruptedException {
    Ensemble ensemble = Ensemble.of(size, freeLoopbackPorts(3 * size));
    RunningEnsemble running = new RunningEnsemble(peer, ensemble);
    try {
      for (Ensemble.Member m : ensemble.members()) {
        running.add(m.id(), spawn(peer, new Placement.InEnsemble(ensemble, m.id(), timing), launch));
      }
      long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(launch.readyTimeoutMs());
      for (RunningServer server : running.servers()) {
        awaitReady(server, remainingMs(deadlineNs), running);
      }
      running.awaitLeader(remainingMs(deadlineNs));
      return running;
    } catch (IOException | InterruptedException | RuntimeException e) {
      String logs = running.describeFailure();
      String hint = rejectedArgumentsHint(peer, running.allLogs());
      running.close();
      throw new IOException(peer.label() + " ensemble of " + size + " did not become ready: " + e.getMessage()
          + hint + "\n" + logs, e);
    }
  }

  /**
   * Says plainly when coord's CLI refused the ensemble flags (picocli prints "Unknown options: …" and
   * exits 2), quoting picocli's line; empty otherwise.
   */
  static String rejectedArgumentsHint(Peer peer, String logs) {
    if (!(peer instanceof Peer.Coord)) return "";
    return logs.lines().filter(l -> l.startsWith("Unknown option") || l.startsWith("Missing required")).findFirst()
        .map(l -> "\n`drover coord` rejected the ensemble arguments (" + l.trim() + "): this build has no replicated"
            + " coord yet. Run the ZooKeeper side alone with --only zookeeper.")
        .orElse("");
  }

  private static long remainingMs(long deadlineNs) {
    return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime()));
  }

  /** Launches the child JVM in a fresh temporary directory; it is not ready yet. */
  private static RunningServer spawn(Peer peer, Placement placement, Launch launch) throws IOException {
    Path workDir = Files.createTempDirectory("drover-bench-" + peer.name() + "-" + placement.tag() + "-");
    Path dataDir = Files.createDirectories(workDir.resolve("data"));
    Path log = workDir.resolve("server.log");
    List<String> cmd = new ArrayList<>();
    cmd.add(launch.javaBin().toString());
    cmd.addAll(launch.jvmOptions());
    // Same logging for both peers: warnings only, to the child's log file.
    cmd.add("-Dlogback.configurationFile=drover-bench-logback.xml");
    cmd.add("-cp");
    cmd.add(launch.classpath());
    Process process;
    try {
      cmd.addAll(peer.command(workDir, dataDir, placement));
      process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    } catch (IOException | RuntimeException e) {
      RunningServer.deleteRecursively(workDir);
      throw e;
    }
    return new RunningServer(peer, process, placement.clientPort(), workDir, log,
        String.join(" ", cmd.stream().map(a -> a.length() > 200 ? "<classpath>" : a).toList()));
  }

  private static void awaitReady(RunningServer server, long timeoutMs) throws IOException, InterruptedException {
    awaitReady(server, timeoutMs, null);
  }

  /**
   * Polls until {@code server} serves a client session. With {@code ensemble}, also fails as soon as
   * any member has exited (a member that rejected its arguments never lets the others form a quorum).
   */
  private static void awaitReady(RunningServer server, long timeoutMs, RunningEnsemble ensemble)
      throws IOException, InterruptedException {
    long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (System.nanoTime() < deadlineNs) {
      if (!server.process().isAlive()) {
        throw new IOException("process exited with status " + server.process().exitValue());
      }
      if (ensemble != null) ensemble.failIfAnyExited();
      // imok alone is not enough (ZooKeeper answers it while its database is still loading, or after
      // loading failed); a server is ready when a client session is established and answers.
      // A reply other than imok may mean four-letter words are unsupported: try a session too.
      switch (FourLetterWord.ask(server.port(), "ruok")) {
        case FourLetterWord.Answer.Refused r -> { }
        case FourLetterWord.Answer.Replied r -> {
          if (clientConnects(server.connectString())) return;
        }
      }
      Thread.sleep(100);
    }
    throw new IOException("port " + server.port() + " not serving within " + timeoutMs + " ms");
  }

  private static boolean clientConnects(String connectString) throws InterruptedException {
    try (ZooKeeper zk = Zk.connect(connectString, 3_000)) {
      zk.exists("/", false);
      return true;
    } catch (IOException | org.apache.zookeeper.KeeperException notYet) {
      return false;
    }
  }

  static int freeLoopbackPort() throws IOException {
    return freeLoopbackPorts(1).get(0);
  }

  /** {@code count} distinct free loopback ports: all are held open together, so none repeats. */
  static List<Integer> freeLoopbackPorts(int count) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
      return sockets.stream().map(ServerSocket::getLocalPort).toList();
    } finally {
      for (ServerSocket s : sockets) s.close();
    }
  }
}
