package io.drover.cli;

import java.util.concurrent.Callable;

/** Start-up and shutdown plumbing shared by the role commands. */
final class Roles {
  private Roles() {}

  /** Starts a role; on failure prints one clear line (not a stack trace) and returns null. */
  static <T> T startOrExplain(String role, Callable<T> start) throws InterruptedException {
    try {
      return start.call();
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      System.err.println("drover " + role + ": cannot start: " + e.getMessage());
      return null;
    }
  }

  /** Closes the role when the JVM is asked to stop (Ctrl-C, SIGTERM). */
  static void closeOnShutdown(AutoCloseable role) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        role.close();
      } catch (Exception e) {
        System.err.println("drover: error while stopping: " + e.getMessage());
      }
    }, "drover-shutdown"));
  }
}
