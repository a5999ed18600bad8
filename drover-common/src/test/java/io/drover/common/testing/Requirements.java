package io.drover.common.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Environment requirements of tests: skip with the reason locally, fail with it when {@code CI=true}. */
public final class Requirements {
  private Requirements() {}

  public static boolean onCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /** Skips the test (or fails it on CI) with {@code reason} unless {@code met}. */
  public static void require(boolean met, String reason) {
    if (!met && onCi()) {
      fail("CI=true and a test requirement is missing: " + reason);
    }
    assumeTrue(met, reason);
  }

  /** True if {@code pid} names a live process (zombies count as dead: nothing may reap them in a container). */
  public static boolean isRunning(long pid) {
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    try {
      String s = Files.readString(stat);
      char state = s.charAt(s.lastIndexOf(')') + 2);
      return state != 'Z' && state != 'X';
    } catch (IOException e) {
      return false; // gone
    }
  }

  /** The process group id of {@code pid}, from /proc. */
  public static long pgid(long pid) throws IOException {
    String s = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    String[] after = s.substring(s.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(after[2]); // state ppid pgrp
  }
}
