package io.drover.bench.zk;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.ZooKeeper;

/**
 * Starts peers as separate child JVMs on loopback, each on a free port with a fresh temporary
 * directory, all with the same JVM options. Readiness: the port answers {@code ruok} (with anything,
 * since coord may not speak four-letter words) and a client session connects and reads {@code /}.
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

  /** Starts {@code peer} and returns once it serves clients; the caller closes it. */
  public static RunningServer start(Peer peer, Launch launch) throws IOException, InterruptedException {
    Path workDir = Files.createTempDirectory("drover-bench-" + peer.name() + "-");
    Path dataDir = Files.createDirectories(workDir.resolve("data"));
    Path log = workDir.resolve("server.log");
    int port = freeLoopbackPort();
    List<String> cmd = new ArrayList<>();
    cmd.add(launch.javaBin().toString());
    cmd.addAll(launch.jvmOptions());
    // Same logging for both peers: warnings only, to the child's log file.
    cmd.add("-Dlogback.configurationFile=drover-bench-logback.xml");
    cmd.add("-cp");
    cmd.add(launch.classpath());
    try {
      cmd.addAll(peer.command(workDir, dataDir, port));
    } catch (IOException e) {
      RunningServer.deleteRecursively(workDir);
      throw e;
    }
    Process process = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    RunningServer server = new RunningServer(peer, process, port, workDir, log);
    try {
      awaitReady(server, launch.readyTimeoutMs());
      return server;
    } catch (IOException | InterruptedException | RuntimeException e) {
      String tail = server.logTail(40);
      server.close();
      throw new IOException(peer.label() + " did not become ready on port " + port + ": " + e.getMessage()
          + "\ncommand: " + String.join(" ", cmd.stream().map(a -> a.length() > 200 ? "<classpath>" : a).toList())
          + "\n--- last lines of its log ---\n" + tail, e);
    }
  }

  private static void awaitReady(RunningServer server, long timeoutMs) throws IOException, InterruptedException {
    long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (System.nanoTime() < deadlineNs) {
      if (!server.process().isAlive()) {
        throw new IOException("process exited with status " + server.process().exitValue());
      }
      // imok alone is not enough (ZooKeeper answers it while its database is still loading, or after
      // loading failed); a server is ready when a client session is established and answers.
      // A reply other than imok may mean four-letter words are unsupported: try a session too.
      switch (fourLetterWord(server.port(), "ruok")) {
        case Answer.Refused r -> { }
        case Answer.Replied r -> {
          if (clientConnects(server.connectString())) return;
        }
      }
      Thread.sleep(100);
    }
    throw new IOException("not ready within " + timeoutMs + " ms");
  }

  private sealed interface Answer permits Answer.Refused, Answer.Replied {
    record Refused() implements Answer {}
    record Replied(String text) implements Answer {}
  }

  private static Answer fourLetterWord(int port, String word) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      s.setSoTimeout(1_000);
      OutputStream out = s.getOutputStream();
      out.write(word.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      s.shutdownOutput();
      InputStream in = s.getInputStream();
      return new Answer.Replied(new String(in.readNBytes(64), StandardCharsets.US_ASCII));
    } catch (IOException notYet) {
      // Refused, reset or timed out: the server is not (fully) up yet; the caller polls again.
      return new Answer.Refused();
    }
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
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
