package io.drover.agent.resources;

/**
 * What {@link MachineProbe} found out about the machine, in the units Mesos' agent uses for its decision. Each field
 * is either a non-negative measurement or {@link #UNKNOWN} when probing it failed, in which case
 * {@link ResourceDetection} falls back to Mesos' default for that resource (as Mesos does on a probe error).
 *
 * @param cpus online CPUs ({@code sysconf(_SC_NPROCESSORS_ONLN)} in Mesos)
 * @param memTotalMb total main memory, whole MiB, truncated ({@code sysinfo.totalram} = {@code MemTotal})
 * @param diskTotalMb total size of the filesystem holding the work dir, whole MiB, truncated. Mesos uses the
 *     filesystem's <em>size</em> ({@code statvfs f_blocks * f_frsize}), not its free space
 */
public record MachineFacts(int cpus, long memTotalMb, long diskTotalMb) {
  /** Marks a fact the probe could not determine. */
  public static final int UNKNOWN = -1;

  public MachineFacts {
    if (cpus < UNKNOWN) throw new IllegalArgumentException("cpus must be >= 0 or UNKNOWN: " + cpus);
    if (memTotalMb < UNKNOWN) throw new IllegalArgumentException("memTotalMb must be >= 0 or UNKNOWN: " + memTotalMb);
    if (diskTotalMb < UNKNOWN) {
      throw new IllegalArgumentException("diskTotalMb must be >= 0 or UNKNOWN: " + diskTotalMb);
    }
  }

  /** Facts where nothing could be probed: detection yields Mesos' defaults. */
  public static MachineFacts unknown() { return new MachineFacts(UNKNOWN, UNKNOWN, UNKNOWN); }
}
