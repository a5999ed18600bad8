package io.drover.bench.zk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * A peer running as a child JVM. {@link #close()} kills it (SIGTERM, then SIGKILL after 5 s) and
 * deletes its directory; a shutdown hook does the same if the bench JVM exits first.
 */
public final class RunningServer implements AutoCloseable {
  private final Peer peer;
  private final Process process;
  private final int port;
  private final Path workDir;
  private final Path log;
  private final String printableCommand;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Thread hook;

  RunningServer(Peer peer, Process process, int port, Path workDir, Path log, String printableCommand) {
    this.printableCommand = printableCommand;
    this.peer = peer;
    this.process = process;
    this.port = port;
    this.workDir = workDir;
    this.log = log;
    this.hook = new Thread(this::stop, "drover-bench-kill-" + peer.name());
    Runtime.getRuntime().addShutdownHook(hook);
  }

  public Peer peer() { return peer; }

  public Process process() { return process; }

  public long pid() { return process.pid(); }

  public int port() { return port; }

  /** Temporary directory holding the data dir, config and log; deleted by {@link #close()}. */
  public Path workDir() { return workDir; }

  public String connectString() { return "127.0.0.1:" + port; }

  /** The command line that started it, the classpath elided, for error messages. */
  public String printableCommand() { return printableCommand; }

  /**
   * kill -9: SIGKILL to the child (what {@link Process#destroyForcibly()} sends on Linux), waiting up
   * to 10 s for it to be gone. Its directory stays until {@link #close()}.
   *
   * @return {@link System#nanoTime()} just after the signal was sent: from then on the process runs no more code
   */
  public long kill() throws InterruptedException {
    process.destroyForcibly();
    long signalledNs = System.nanoTime();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException(peer.label() + " pid " + process.pid() + " still alive 10 s after SIGKILL");
    }
    return signalledNs;
  }

  /** The last {@code lines} lines of the child's combined stdout/stderr, for error messages. */
  public String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  @Override public void close() {
    stop();
    if (Thread.currentThread() != hook) Runtime.getRuntime().removeShutdownHook(hook);
  }

  private void stop() {
    if (!closed.compareAndSet(false, true)) return;
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    deleteRecursively(workDir);
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) return;
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + dir, e);
    }
  }
}
