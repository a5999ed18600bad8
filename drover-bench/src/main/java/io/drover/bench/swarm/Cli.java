package io.drover.bench.swarm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a command line (the docker CLI) to completion and returns its standard output. */
final class Cli {
  static final Duration TIMEOUT = Duration.ofSeconds(120);

  private Cli() {}

  /** Standard output of {@code command}; an {@link IOException} naming the command and its stderr on exit != 0. */
  static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).start();
    p.getOutputStream().close();
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()),
        Thread.ofVirtual()::start);
    String out = drain(p.getInputStream());
    if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new IOException("timed out after " + TIMEOUT.toSeconds() + " s: " + String.join(" ", command));
    }
    if (p.exitValue() != 0) {
      throw new IOException("`" + String.join(" ", command) + "` exited with " + p.exitValue() + ": "
          + err.join().trim());
    }
    return out;
  }

  static String docker(String... args) throws IOException, InterruptedException {
    return run(dockerCommand(args));
  }

  static List<String> dockerCommand(String... args) {
    String[] cmd = new String[args.length + 1];
    cmd[0] = "docker";
    System.arraycopy(args, 0, cmd, 1, args.length);
    return List.of(cmd);
  }

  /** The non-blank lines of {@code output}, trimmed. */
  static List<String> lines(String output) {
    return output.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
  }

  private static String drain(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }
}
