package io.drover.master.ha;

import java.util.Collection;
import java.util.Optional;

/**
 * Naming of Mesos election znodes: {@code <path>/json.info_<10-digit sequence>}. Other children of the election
 * path ({@code log_replicas}, legacy binary {@code info_} nodes, anything else) are not candidates.
 */
public final class ElectionNodes {
  /** The prefix a contender passes to an ephemeral-sequential create; ZooKeeper appends the sequence. */
  public static final String PREFIX = "json.info_";

  private ElectionNodes() {}

  /** The sequence of a {@code json.info_NNNNNNNNNN} child name, or empty for any other child. */
  public static Optional<Long> sequence(String childName) {
    if (!childName.startsWith(PREFIX)) return Optional.empty();
    String digits = childName.substring(PREFIX.length());
    if (digits.length() != 10) return Optional.empty();
    for (int i = 0; i < digits.length(); i++) {
      if (!Character.isDigit(digits.charAt(i))) return Optional.empty();
    }
    return Optional.of(Long.parseLong(digits));
  }

  /** The candidate with the lowest sequence among {@code children} (the leader), if any. */
  public static Optional<String> lowest(Collection<String> children) {
    String best = null;
    long bestSeq = Long.MAX_VALUE;
    for (String child : children) {
      Optional<Long> seq = sequence(child);
      if (seq.isPresent() && seq.get() < bestSeq) {
        best = child;
        bestSeq = seq.get();
      }
    }
    return Optional.ofNullable(best);
  }

  /** The last segment of a znode path ({@code /mesos/json.info_0000000003} → {@code json.info_0000000003}). */
  public static String name(String znodePath) {
    return znodePath.substring(znodePath.lastIndexOf('/') + 1);
  }
}
