package io.drover.agent.containerizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Reads {@code /proc/<pid>/stat}: whether a process lives and when it started (field 22, clock ticks since boot).
 * The start time tells a re-used pid from the process the agent checkpointed.
 */
public final class ProcStat {
  private ProcStat() {}

  /** The start time of {@code pid} if it names a live (not zombie) process; empty when gone or unreadable. */
  public static OptionalLong startTime(long pid) {
    String s;
    try {
      s = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    } catch (NoSuchFileException e) {
      return OptionalLong.empty();
    } catch (IOException e) {
      // A process exiting while we read it makes the read fail; treat it as gone.
      return OptionalLong.empty();
    }
    int close = s.lastIndexOf(')');
    if (close < 0 || close + 2 >= s.length()) {
      return OptionalLong.empty();
    }
    String[] f = s.substring(close + 2).split(" ");
    // f[0] is field 3 (state); field 22 (starttime) is f[19].
    if (f.length < 20 || f[0].equals("Z") || f[0].equals("X")) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(f[19]));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** True if {@code pid} is alive and started at {@code startTime}: the very process that was checkpointed. */
  public static boolean isSameProcess(long pid, long startTime) {
    OptionalLong st = startTime(pid);
    return st.isPresent() && st.getAsLong() == startTime;
  }
}
