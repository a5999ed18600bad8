package io.drover.it.jepsen;

import io.drover.it.FourLetterWords;
import io.drover.it.RoleProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;

/** One ensemble server in its own JVM, output appended to a log file, killed with SIGKILL. */
final class ServerProcess {
  /** The server process exited (or never answered) while starting; {@code logTail} says why. */
  static final class StartFailed extends RuntimeException {
    private static final java.util.regex.Pattern CAUSE =
        java.util.regex.Pattern.compile("(?i).*(unknown option|unmatched argument|missing required|exception|error).*");
    private static final java.util.regex.Pattern REJECTED =
        java.util.regex.Pattern.compile("(?i).*(unknown option|unmatched argument).*");

    private final String logTail;

    StartFailed(String message, String logTail) {
      super(message + "\n--- log tail ---\n" + logTail);
      this.logTail = logTail;
    }

    String logTail() { return logTail; }

    /** True when the server refused its command line (an option it does not know), rather than crashing. */
    boolean rejectedCommandLine() {
      return logTail.lines().anyMatch(l -> REJECTED.matcher(l).matches());
    }

    /** The log line that most likely states why (an unknown option, an exception), else the message. */
    String reason() {
      return logTail.lines().filter(l -> CAUSE.matcher(l).matches()).findFirst().orElse(getMessage().lines().findFirst().orElse(""));
    }
  }

  private final RoleProcess process;

  private ServerProcess(RoleProcess process) { this.process = process; }

  /** Starts {@code java <jvmArgs>} and waits until the client port answers {@code ruok} with {@code imok}. */
  static ServerProcess start(String name, List<String> jvmArgs, Path log, int clientPort, Duration timeout) throws IOException {
    try {
      return new ServerProcess(RoleProcess.startJava(name, jvmArgs, log, timeout,
          () -> "imok".equals(FourLetterWords.ask(clientPort, "ruok"))));
    } catch (ConditionTimeoutException e) {
      throw new StartFailed(name + " did not answer ruok within " + timeout + "; see " + log, tail(log));
    } catch (IllegalStateException e) {
      throw new StartFailed(e.getMessage(), tail(log));
    }
  }

  boolean isAlive() { return process.isAlive(); }

  /** SIGKILL and wait for the exit: no shutdown hook, no flush, like a crash. */
  void kill9() { process.kill(); }

  /** The log's first 10 and last 20 lines (a start failure is usually stated first, then a usage text). */
  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      if (lines.size() <= 30) return String.join("\n", lines);
      return String.join("\n", lines.subList(0, 10)) + "\n...\n" + String.join("\n", lines.subList(lines.size() - 20, lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  @Override public String toString() { return process.toString(); }
}
