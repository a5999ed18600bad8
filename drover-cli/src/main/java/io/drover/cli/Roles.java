package io.drover.cli;

import java.util.concurrent.Callable;

/** Start-up and shutdown plumbing shared by the role commands. */
final class Roles {
  /** A wrong command line (sysexits EX_USAGE), as for every drover command. */
  static final int USAGE = 64;

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

  /** Closes the roles, in the order given, when the JVM is asked to stop (Ctrl-C, SIGTERM). */
  static void closeOnShutdown(AutoCloseable... roles) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> closeAll(roles), "drover-shutdown"));
  }

  /** Closes each role in order; a failure is reported and the rest are still closed. */
  static void closeAll(AutoCloseable... roles) {
    for (AutoCloseable role : roles) {
      try {
        role.close();
      } catch (Exception e) {
        System.err.println("drover: error while stopping: " + e.getMessage());
      }
    }
  }
}
