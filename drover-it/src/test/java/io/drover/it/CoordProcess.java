package io.drover.it;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code drover coord} server in its own OS process ({@link RoleProcess}), so a test can kill -9 it. Output goes
 * to a log file in the data directory's parent for post-mortems.
 */
final class CoordProcess implements AutoCloseable {
  private final Path dataDir;
  private final int port;
  private final RoleProcess process;

  private CoordProcess(Path dataDir, int port, RoleProcess process) {
    this.dataDir = dataDir;
    this.port = port;
    this.process = process;
  }

  static int freePort() throws IOException { return RoleProcess.freePort(); }

  static CoordProcess start(Path dataDir, int port, String... extraArgs) throws IOException {
    List<String> args = new ArrayList<>(List.of("coord", "--data-dir", dataDir.toString(), "--client-port",
        String.valueOf(port), "--bind", "127.0.0.1", "--metrics-port", "0", "--tick-time", "500"));
    args.addAll(List.of(extraArgs));
    Path log = dataDir.resolveSibling(dataDir.getFileName() + "-" + port + ".log");
    RoleProcess process = RoleProcess.start("coord on port " + port, log,
        () -> "imok".equals(FourLetterWords.ask(port, "ruok")), args.toArray(String[]::new));
    return new CoordProcess(dataDir, port, process);
  }

  String connectString() { return "127.0.0.1:" + port; }

  int port() { return port; }

  Path dataDir() { return dataDir; }

  /** SIGKILL: no shutdown hook, no flush, exactly like a crash. */
  void kill() { process.kill(); }

  @Override public void close() { kill(); }
}
