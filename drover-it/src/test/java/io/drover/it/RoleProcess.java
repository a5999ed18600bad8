package io.drover.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;

/**
 * One Drover role ({@code drover <role> ...}) in its own OS process, started from the fat jar, so a test can kill -9
 * it, stop it (SIGSTOP) or restart it. Output goes to {@code log} for post-mortems.
 */
public final class RoleProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;

  private RoleProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  static Path droverJar() {
    Path jar = Path.of(System.getProperty("drover.jar", "../drover-cli/target/drover.jar")).toAbsolutePath().normalize();
    if (!Files.isRegularFile(jar)) throw new IllegalStateException("the fat jar is missing at " + jar + "; build with ./drover build");
    return jar;
  }

  /** The roles' logback configuration from the test resources (Drover's DEBUG lines on). */
  private static String logConfig() {
    try {
      return Path.of(RoleProcess.class.getResource("/role-logback.xml").toURI()).toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  /**
   * Starts {@code drover <args>} and waits up to a minute until {@code ready} answers true; the process dying first
   * fails at once, naming its log.
   */
  static RoleProcess start(String name, Path log, Callable<Boolean> ready, String... args) throws IOException {
    List<String> javaArgs = new ArrayList<>(List.of("-Xmx384m", "-XX:+UseSerialGC",
        "-Dlogback.configurationFile=" + logConfig(), "-jar", droverJar().toString()));
    javaArgs.addAll(List.of(args));
    return startJava(name, javaArgs, log, Duration.ofSeconds(60), ready);
  }

  /**
   * Starts {@code java <javaArgs>} (the JVM running the tests), output appended to {@code log}, and waits up to
   * {@code timeout} until {@code ready} answers true. The process dying first fails at once with an
   * {@link IllegalStateException} naming its log; not ready in time fails with Awaitility's timeout. Either way the
   * process is killed.
   */
  public static RoleProcess startJava(String name, List<String> javaArgs, Path log, Duration timeout,
      Callable<Boolean> ready) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.addAll(javaArgs);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    RoleProcess rp = new RoleProcess(name, p, log);
    try {
      Awaitility.await(name + " is ready").atMost(timeout).pollInterval(Duration.ofMillis(100))
          .ignoreExceptionsMatching(e -> e instanceof IOException)
          .until(() -> {
            if (!p.isAlive()) throw new IllegalStateException(name + " exited with " + p.exitValue() + "; see " + log);
            return ready.call();
          });
    } catch (RuntimeException e) {
      rp.kill();
      throw e;
    }
    return rp;
  }

  public long pid() { return process.pid(); }

  public boolean isAlive() { return process.isAlive(); }

  Path log() { return log; }

  /** Waits for the process to exit by itself and returns its status. */
  int awaitExit(Duration timeout) {
    Awaitility.await(name + " exits").atMost(timeout).until(() -> !process.isAlive());
    return process.exitValue();
  }

  /** SIGSTOP / SIGCONT: the process is frozen (a partition as its peers see it), then thawed. */
  void signal(String signal) throws IOException, InterruptedException {
    int rc = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
    if (rc != 0) throw new IOException("kill -" + signal + " " + process.pid() + " failed with " + rc);
  }

  /** SIGKILL: no shutdown hook, no flush, exactly like a crash. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override public void close() { kill(); }

  @Override public String toString() { return name + " (pid " + process.pid() + ", log " + log + ")"; }
}
