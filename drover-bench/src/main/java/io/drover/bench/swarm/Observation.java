package io.drover.bench.swarm;

import java.util.List;
import java.util.Set;

/**
 * One look at a workload: the tasks its orchestrator reports running, and the containers {@code docker ps} shows
 * running for it. A figure ends only when both agree.
 */
record Observation(Set<String> runningTaskIds, List<String> containers) {
  Observation {
    runningTaskIds = Set.copyOf(runningTaskIds);
    containers = List.copyOf(containers);
  }

  /** Exactly {@code n} tasks running by both the orchestrator's and Docker's count. */
  boolean settledAt(int n) {
    return runningTaskIds.size() == n && containers.size() == n;
  }
}
