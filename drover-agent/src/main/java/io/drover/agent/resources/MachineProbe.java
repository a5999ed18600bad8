package io.drover.agent.resources;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge that measures the real machine for {@link ResourceDetection}, with the same sources as Mesos' stout:
 *
 * <ul>
 *   <li>cpus: online CPUs from {@code /sys/devices/system/cpu/online} (what {@code sysconf(_SC_NPROCESSORS_ONLN)}
 *       reads); falls back to {@link Runtime#availableProcessors()}, which is smaller under a cgroup quota or
 *       affinity mask. Mesos ignores cgroup quotas, and so do we when the sysfs file is readable.
 *   <li>mem: {@code MemTotal} of {@code /proc/meminfo} (equal to {@code sysinfo.totalram}).
 *   <li>disk: {@link java.nio.file.FileStore#getTotalSpace()} of the work dir's filesystem
 *       ({@code statvfs f_blocks * f_frsize}, what stout's {@code fs::size} returns).
 * </ul>
 *
 * A fact that cannot be measured is logged and reported as {@link MachineFacts#UNKNOWN}; probing never throws.
 */
public final class MachineProbe {
  private static final Logger LOG = LoggerFactory.getLogger(MachineProbe.class);
  private static final long MIB = 1024L * 1024L;

  private final Path cpuOnline;
  private final Path meminfo;

  /** Probes the standard Linux locations. */
  public MachineProbe() { this(Path.of("/sys/devices/system/cpu/online"), Path.of("/proc/meminfo")); }

  /** Probes the given sysfs/procfs files (tests point these at fixtures). */
  public MachineProbe(Path cpuOnline, Path meminfo) {
    this.cpuOnline = cpuOnline;
    this.meminfo = meminfo;
  }

  /** Measures the machine; {@code workDir} need not exist yet (its nearest existing ancestor is measured). */
  public MachineFacts probe(Path workDir) { return new MachineFacts(cpus(), memTotalMb(), diskTotalMb(workDir)); }

  int cpus() {
    try {
      int online = parseCpuList(Files.readString(cpuOnline, StandardCharsets.US_ASCII).trim());
      if (online > 0) return online;
      LOG.warn("{} lists no CPUs; using the JVM's count", cpuOnline);
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot read online CPUs from {} ({}); using the JVM's count", cpuOnline, e.toString());
    }
    return Runtime.getRuntime().availableProcessors();
  }

  long memTotalMb() {
    try {
      List<String> lines = Files.readAllLines(meminfo, StandardCharsets.US_ASCII);
      for (String line : lines) {
        if (line.startsWith("MemTotal:")) {
          String[] parts = line.substring("MemTotal:".length()).trim().split("\\s+");
          long kib = Long.parseLong(parts[0]);
          return kib / 1024;
        }
      }
      LOG.warn("{} has no MemTotal line; memory is unknown", meminfo);
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot read MemTotal from {} ({}); memory is unknown", meminfo, e.toString());
    }
    return MachineFacts.UNKNOWN;
  }

  long diskTotalMb(Path workDir) {
    Path p = workDir.toAbsolutePath();
    while (p != null && !Files.exists(p)) p = p.getParent();
    if (p == null) {
      LOG.warn("no existing ancestor of {}; disk is unknown", workDir);
      return MachineFacts.UNKNOWN;
    }
    try {
      return Files.getFileStore(p).getTotalSpace() / MIB;
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot measure the filesystem of {} ({}); disk is unknown", p, e.toString());
      return MachineFacts.UNKNOWN;
    }
  }

  /** Counts the CPUs in a kernel CPU list such as {@code 0-3,8,10-11}. */
  static int parseCpuList(String list) {
    if (list.isEmpty()) return 0;
    int count = 0;
    for (String part : list.split(",")) {
      String t = part.trim();
      int dash = t.indexOf('-');
      if (dash < 0) {
        Integer.parseInt(t);
        count++;
      } else {
        int from = Integer.parseInt(t.substring(0, dash));
        int to = Integer.parseInt(t.substring(dash + 1));
        if (to < from) throw new IllegalArgumentException("bad CPU range '" + t + "'");
        count += to - from + 1;
      }
    }
    return count;
  }
}
