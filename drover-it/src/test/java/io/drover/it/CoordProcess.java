package io.drover.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * A {@code drover coord} server in its own OS process, started from the fat jar, so a test can kill -9 it.
 * Output goes to a log file in the data directory's parent for post-mortems.
 */
final class CoordProcess implements AutoCloseable {
  private final Path dataDir;
  private final int port;
  private final Process process;

  private CoordProcess(Path dataDir, int port, Process process) {
    this.dataDir = dataDir;
    this.port = port;
    this.process = process;
  }

  static Path droverJar() {
    Path jar = Path.of(System.getProperty("drover.jar", "../drover-cli/target/drover.jar")).toAbsolutePath().normalize();
    if (!Files.isRegularFile(jar)) throw new IllegalStateException("the fat jar is missing at " + jar + "; build with ./drover build");
    return jar;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  static CoordProcess start(Path dataDir, int port, String... extraArgs) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-jar", droverJar().toString(), "coord",
        "--data-dir", dataDir.toString(), "--client-port", String.valueOf(port), "--bind", "127.0.0.1",
        "--metrics-port", "0", "--tick-time", "500"));
    cmd.addAll(List.of(extraArgs));
    Path log = dataDir.resolveSibling(dataDir.getFileName() + "-" + port + ".log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    CoordProcess cp = new CoordProcess(dataDir, port, p);
    try {
      Awaitility.await("coord on port " + port + " answers ruok").atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> {
            if (!p.isAlive()) throw new IllegalStateException("coord exited with " + p.exitValue() + "; see " + log);
            return "imok".equals(fourLetterWord(port, "ruok"));
          });
    } catch (RuntimeException e) {
      cp.kill();
      throw e;
    }
    return cp;
  }

  static String fourLetterWord(int port, String word) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      s.setSoTimeout(2000);
      OutputStream out = s.getOutputStream();
      out.write(word.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  String connectString() { return "127.0.0.1:" + port; }

  int port() { return port; }

  Path dataDir() { return dataDir; }

  /** SIGKILL: no shutdown hook, no flush, exactly like a crash. */
  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override public void close() { kill(); }
}
