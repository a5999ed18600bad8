package io.drover.coord.server;

import io.drover.coord.tree.DataTree;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * ZooKeeper's ContainerManager: every interval, the empty containers and expired TTL nodes are deleted. A path is
 * handed out once until its delete is applied ({@link #collected}), so a slow delete is not issued twice.
 */
final class ContainerSweep {
  private final long intervalMs;
  private long nextCheckMs;
  private final Set<String> pending = new HashSet<>();

  ContainerSweep(long intervalMs, long nowMs) {
    this.intervalMs = intervalMs;
    this.nextCheckMs = nowMs + intervalMs;
  }

  /** The paths to delete now; none between checks. */
  List<String> due(long nowMs, long wallMs, DataTree tree) {
    if (nowMs < nextCheckMs) return List.of();
    nextCheckMs = nowMs + intervalMs;
    List<String> due = new ArrayList<>(tree.containerCandidates());
    due.addAll(tree.expiredTtls(wallMs));
    due.removeIf(path -> !pending.add(path));
    return due;
  }

  void collected(String path) { pending.remove(path); }

  /** Forget what was handed out (its deletes will never be applied: a new leadership, or a replaced tree). */
  void reset() { pending.clear(); }
}
