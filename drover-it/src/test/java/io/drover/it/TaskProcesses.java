package io.drover.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The OS processes of tasks run by the process containerizer, found through /proc by a marker in their command line. */
final class TaskProcesses {
  private TaskProcesses() {}

  /** The busybox binary (CI installs busybox-static), if any. */
  static Optional<Path> busybox() {
    return Stream.concat(Stream.of("/bin", "/usr/bin"), Stream.of(System.getenv().getOrDefault("PATH", "").split(":")))
        .filter(d -> !d.isEmpty()).map(d -> Path.of(d, "busybox")).filter(Files::isExecutable).findFirst();
  }

  /** Every process whose command line contains {@code marker}. */
  static List<Long> withMarker(String marker) throws IOException {
    return processes(pid -> cmdline(pid).stream().anyMatch(a -> a.contains(marker)));
  }

  /**
   * The listening busybox httpd processes whose command line contains {@code marker}: one per task. (httpd forks a
   * short-lived child per connection, e.g. for a health check; those are left out.)
   */
  static List<Long> httpds(String marker) throws IOException {
    List<Long> all = withMarker(marker).stream().filter(p -> cmdline(p).contains("httpd")).toList();
    return all.stream().filter(p -> ProcessHandle.of(p).flatMap(ProcessHandle::parent)
        .map(parent -> !all.contains(parent.pid())).orElse(false)).toList();
  }

  /** The httpd process of a task, by the {@code MESOS_TASK_ID} in its environment. */
  static Optional<Long> httpdOf(String marker, String taskId) throws IOException {
    return httpds(marker).stream().filter(p -> environ(p).contains("MESOS_TASK_ID=" + taskId)).findFirst();
  }

  /** Every process whose environment has {@code MESOS_TASK_ID=<taskId>}: the task's own processes. */
  static List<Long> ofTask(String taskId) throws IOException {
    return processes(pid -> environ(pid).contains("MESOS_TASK_ID=" + taskId));
  }

  /** Every process of a task whose sandbox lies under {@code dir} (an agent's work directory). */
  static List<Long> inSandboxesUnder(Path dir) throws IOException {
    String prefix = "MESOS_SANDBOX=" + dir.toAbsolutePath().normalize();
    return processes(pid -> environ(pid).stream().anyMatch(e -> e.startsWith(prefix)));
  }

  private static List<Long> processes(java.util.function.LongPredicate matches) throws IOException {
    List<Long> out = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        long pid = Long.parseLong(proc.getFileName().toString());
        if (matches.test(pid)) out.add(pid);
      }
    }
    return out;
  }

  static List<String> cmdline(long pid) { return nulSeparated(Path.of("/proc", Long.toString(pid), "cmdline")); }

  static List<String> environ(long pid) { return nulSeparated(Path.of("/proc", Long.toString(pid), "environ")); }

  /** The NUL-separated strings of a /proc file; empty when the process is gone (or a zombie). */
  private static List<String> nulSeparated(Path file) {
    try {
      String s = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      return s.isEmpty() ? List.of() : List.of(s.split("\0"));
    } catch (IOException e) {
      return List.of(); // the process ended meanwhile: nothing to read
    }
  }
}
