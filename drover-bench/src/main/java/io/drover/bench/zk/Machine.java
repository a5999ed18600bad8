package io.drover.bench.zk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What the benchmark ran on, for the report. Fields read from /proc are "unknown" elsewhere. */
public record Machine(int cpus, String cpuModel, long memoryMb, String kernel, String jdk, String loadAverage) {
  public static Machine current() {
    return new Machine(Runtime.getRuntime().availableProcessors(),
        procField(Path.of("/proc/cpuinfo"), "model name").orElse("unknown CPU"),
        procField(Path.of("/proc/meminfo"), "MemTotal")
            .map(v -> Long.parseLong(v.replaceAll("[^0-9]", "")) / 1024).orElse(-1L),
        System.getProperty("os.name") + " " + System.getProperty("os.version"),
        System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
            + System.getProperty("java.runtime.version"),
        readLoadAverage());
  }

  private static Optional<String> procField(Path file, String key) {
    if (!Files.isReadable(file)) return Optional.empty();
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return lines.stream().filter(l -> l.startsWith(key)).findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).trim());
    } catch (IOException e) {
      return Optional.of("unreadable (" + e.getMessage() + ")");
    }
  }

  /** 1, 5 and 15 minute load averages: other work on the machine skews both peers' figures. */
  private static String readLoadAverage() {
    Path file = Path.of("/proc/loadavg");
    if (!Files.isReadable(file)) return "unknown";
    try {
      String[] f = Files.readString(file, StandardCharsets.UTF_8).trim().split("\\s+");
      return f.length >= 3 ? f[0] + " " + f[1] + " " + f[2] : "unknown";
    } catch (IOException e) {
      return "unreadable (" + e.getMessage() + ")";
    }
  }

  public String describe() {
    return cpus + " CPUs (" + cpuModel + "), " + (memoryMb < 0 ? "unknown" : memoryMb + " MB") + " RAM, "
        + kernel + ", " + jdk + "; load average at the start " + loadAverage;
  }
}
