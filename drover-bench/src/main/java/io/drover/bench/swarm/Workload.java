package io.drover.bench.swarm;

/**
 * What both orchestrators run, with the same settings on each side.
 *
 * @param image the offline image ({@code drover-test/busybox:latest})
 * @param command run with {@code /bin/sh -c} in the container on both sides
 * @param cpus CPU limit per container (Swarm {@code --limit-cpu}, Drover {@code cpus}; both a CFS quota)
 * @param memMb memory limit per container (Swarm {@code --limit-memory}, Drover {@code mem})
 * @param restartDelayS wait before replacing a failed container (Swarm {@code --restart-delay}, Drover
 *     {@code backoffSeconds})
 * @param stopGraceS SIGTERM to SIGKILL (Swarm {@code --stop-grace-period}, Drover {@code taskKillGracePeriodSeconds})
 * @param parallelism containers replaced at once in a rolling restart (Swarm {@code --update-parallelism} with
 *     {@code --update-order start-first}; Drover {@code upgradeStrategy} {1, parallelism/instances})
 */
public record Workload(String image, String command, double cpus, int memMb, int restartDelayS, int stopGraceS,
    int parallelism) {
  /** The command: a shell that exits on SIGTERM (a bare {@code sleep} as PID 1 ignores it and waits the grace). */
  public static final String COMMAND = "trap 'exit 0' TERM; sleep 3600 & wait";

  public Workload {
    if (cpus <= 0 || memMb <= 0 || parallelism < 1 || restartDelayS < 0 || stopGraceS < 0) {
      throw new IllegalArgumentException("bad workload settings");
    }
  }

  /**
   * Drover's {@code maximumOverCapacity} for a rolling restart of {@code instances} that starts {@code parallelism}
   * new instances beside the old ones ({@code minimumHealthCapacity} 1): Drover's deployment allows
   * {@code floor(instances·(1+o))} instances, so o = parallelism/instances (at most 1).
   */
  public double maximumOverCapacity(int instances) {
    return Math.min(1.0, (double) parallelism / instances);
  }
}
