package io.drover.bench.scale;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The apps leader's JVM ({@link AppsLeaderMain}), started with this JVM's classpath; its standard error goes to
 * {@code log}. {@link #close()} closes its standard input (it stops itself) and kills it if it has not ended 30 s
 * later.
 */
final class AppsLeaderProcess implements AutoCloseable {
  private final Process process;
  private final int port;

  private AppsLeaderProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static AppsLeaderProcess start(List<String> jvmOptions, String zk, String master,
      AppsLeaderMain.CoreSettings core, Path log) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    String logback = System.getProperty("logback.configurationFile");
    if (logback != null) cmd.add("-Dlogback.configurationFile=" + logback);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), AppsLeaderMain.class.getName(), zk, master));
    cmd.addAll(core.args());
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.to(log.toFile())).start();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread.ofVirtual().name("apps-leader-stdout").start(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          if (line.startsWith("apps-leader port=")) port.complete(Integer.parseInt(line.substring(17).trim()));
        }
        port.completeExceptionally(new IOException("the apps leader ended before serving; see " + log));
      } catch (IOException | RuntimeException e) {
        port.completeExceptionally(e);
      }
    });
    try {
      return new AppsLeaderProcess(p, port.get(120, TimeUnit.SECONDS));
    } catch (ExecutionException | TimeoutException e) {
      p.destroyForcibly();
      throw new IOException("the apps leader did not start (" + e.getMessage() + "); see " + log, e);
    }
  }

  int port() { return port; }

  long pid() { return process.pid(); }

  boolean isAlive() { return process.isAlive(); }

  @Override public void close() throws InterruptedException {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      process.destroy(); // a broken pipe means it cannot hear us: ask the other way
    }
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
