package io.drover.agent.resources;

import io.drover.common.resources.Ranges;
import io.drover.common.resources.Resource;
import io.drover.common.resources.Resources;
import io.drover.common.resources.ResourcesParser;
import io.drover.common.resources.Scalar;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The agent's total resources when {@code --resources} does not name them all: Mesos'
 * {@code Containerizer::resources} (src/slave/containerizer/containerizer.cpp), rule for rule.
 *
 * <ul>
 *   <li>Each of {@code cpus}, {@code mem}, {@code disk}, {@code ports} is detected only if no entry of that name
 *       appears in the flag, under any role. An explicit {@code cpus(web):2} therefore suppresses detection of
 *       unreserved cpus, and an explicit {@code cpus:0} means "offer no cpus" (Mesos looks at the flag's entries,
 *       not the parsed bag, for exactly this reason). Other names ({@code gpus}, custom ones) are never detected.
 *   <li>{@code cpus} = online CPUs; default {@value #DEFAULT_CPUS} if unknown.
 *   <li>{@code mem} = total − 1024 MiB if total ≥ 2048 MiB, else total / 2 (integer MiB, truncated); default
 *       {@value #DEFAULT_MEM_MB} MiB if unknown (the default gets no headroom).
 *   <li>{@code disk} = fs size − 5120 MiB if size ≥ 10240 MiB, else size / 2 (integer MiB, truncated); default
 *       {@value #DEFAULT_DISK_MB} MiB if unknown.
 *   <li>{@code ports} = {@value #DEFAULT_PORTS}.
 * </ul>
 *
 * Detected resources are unreserved ({@code *}; Drover has no {@code --default_role}) and are added to the explicit
 * ones. Pure: the facts come from {@link MachineProbe}.
 */
public final class ResourceDetection {
  public static final int DEFAULT_CPUS = 1;
  public static final long DEFAULT_MEM_MB = 1024;
  public static final long DEFAULT_DISK_MB = 10240;
  public static final String DEFAULT_PORTS = "[31000-32000]";

  private static final long MEM_THRESHOLD_MB = 2048;
  private static final long MEM_HEADROOM_MB = 1024;
  private static final long DISK_THRESHOLD_MB = 10240;
  private static final long DISK_HEADROOM_MB = 5120;

  private ResourceDetection() {}

  /**
   * Detection against the {@code --resources} flag text (null or blank: nothing explicit). This is the exact Mesos
   * rule, since zero-valued entries such as {@code cpus:0} still count as "named".
   *
   * @throws io.drover.common.resources.ResourcesFormatException if the text does not parse
   */
  public static Resources detect(MachineFacts facts, String resourcesFlag) {
    Resources explicit = ResourcesParser.parseResources(resourcesFlag);
    return detect(facts, explicit, namesIn(resourcesFlag));
  }

  /**
   * Detection against an already parsed bag: a name is explicit iff the bag holds it under some role. A bag cannot
   * hold zero entries, so prefer {@link #detect(MachineFacts, String)} when the flag text is at hand.
   */
  public static Resources detect(MachineFacts facts, Resources explicit) {
    return detect(facts, explicit, Set.copyOf(explicit.names()));
  }

  private static Resources detect(MachineFacts facts, Resources explicit, Set<String> explicitNames) {
    Objects.requireNonNull(facts, "facts");
    Resources detected = Resources.EMPTY;
    if (!explicitNames.contains("cpus")) {
      long cpus = facts.cpus() == MachineFacts.UNKNOWN ? DEFAULT_CPUS : facts.cpus();
      detected = detected.plus(Resources.of(Resource.scalar("cpus", cpus * Scalar.MILLIS_PER_UNIT)));
    }
    if (!explicitNames.contains("mem")) {
      detected = detected.plus(Resources.of(Resource.scalar("mem", memMb(facts.memTotalMb()) * Scalar.MILLIS_PER_UNIT)));
    }
    if (!explicitNames.contains("disk")) {
      detected = detected.plus(
          Resources.of(Resource.scalar("disk", diskMb(facts.diskTotalMb()) * Scalar.MILLIS_PER_UNIT)));
    }
    if (!explicitNames.contains("ports")) {
      detected = detected.plus(ResourcesParser.parseResources("ports:" + DEFAULT_PORTS));
    }
    return explicit.plus(detected);
  }

  /** Mesos' memory rule, in MiB. */
  static long memMb(long totalMb) {
    if (totalMb == MachineFacts.UNKNOWN) return DEFAULT_MEM_MB;
    return totalMb >= MEM_THRESHOLD_MB ? totalMb - MEM_HEADROOM_MB : totalMb / 2;
  }

  /** Mesos' disk rule, in MiB. */
  static long diskMb(long totalMb) {
    if (totalMb == MachineFacts.UNKNOWN) return DEFAULT_DISK_MB;
    return totalMb >= DISK_THRESHOLD_MB ? totalMb - DISK_HEADROOM_MB : totalMb / 2;
  }

  /** The entry names of valid flag text, including zero-valued entries that the parsed bag drops. */
  private static Set<String> namesIn(String resourcesFlag) {
    Set<String> names = new HashSet<>();
    if (resourcesFlag == null) return names;
    for (String part : resourcesFlag.split(";")) {
      String entry = part.trim();
      if (entry.isEmpty()) continue;
      int end = entry.length();
      for (char stop : List.of('(', ':')) {
        int at = entry.indexOf(stop);
        if (at >= 0 && at < end) end = at;
      }
      names.add(entry.substring(0, end).trim());
    }
    return names;
  }

  /** The default ports as a value, for callers that need it apart from detection. */
  public static Ranges defaultPorts() { return ResourcesParser.parseResources("ports:" + DEFAULT_PORTS).ranges("ports"); }
}
