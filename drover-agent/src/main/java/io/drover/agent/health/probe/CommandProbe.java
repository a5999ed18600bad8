package io.drover.agent.health.probe;

import io.drover.agent.health.ProbeResult;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code /bin/sh -c command} with extra environment variables; exit 0 is healthy. Output is discarded (a probe
 * must not fill a pipe or a disk). On timeout or interruption the shell and every descendant are killed, so a
 * {@code sleep} the shell forked cannot outlive the probe.
 */
public final class CommandProbe implements Probe {
  private final String command;
  private final Map<String, String> environment;

  public CommandProbe(String command, Map<String, String> environment) {
    this.command = command;
    this.environment = Map.copyOf(environment);
  }

  @Override public ProbeResult run(long timeoutMs) throws InterruptedException {
    ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().putAll(environment);
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      return new ProbeResult.Failed("cannot start '" + command + "': " + e.getMessage());
    }
    try {
      boolean exited;
      if (timeoutMs > 0) {
        exited = process.waitFor(timeoutMs, TimeUnit.MILLISECONDS);
      } else {
        process.waitFor();
        exited = true;
      }
      if (!exited) {
        kill(process);
        return new ProbeResult.TimedOut(timeoutMs);
      }
      int code = process.exitValue();
      return code == 0 ? new ProbeResult.Passed("'" + command + "' exited 0")
          : new ProbeResult.Failed("'" + command + "' exited with code " + code);
    } catch (InterruptedException e) {
      kill(process);
      throw e;
    }
  }

  private static void kill(Process process) {
    // Descendants first: once the shell is gone its children are re-parented and harder to find.
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }
}
