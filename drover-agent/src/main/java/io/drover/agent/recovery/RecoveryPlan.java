package io.drover.agent.recovery;

import java.util.List;

/**
 * What recovery does, decided by {@link RecoveryPlanner}; every checkpointed task appears in exactly one of
 * {@code reattach}, {@code report} and {@code alreadyTerminal}.
 *
 * @param reattach tasks whose container still exists: watch it again, do not relaunch
 * @param report tasks whose container is gone: report them ended ({@code detail} says how we know)
 * @param alreadyTerminal tasks whose terminal update is checkpointed: only its delivery remains
 * @param killProcesses live processes of containers no recovered task claims (non-checkpointing frameworks, or
 *     tasks already terminal): kill them
 * @param removeDocker {@code drover-*} Docker containers no recovered task claims: remove them
 * @param forgetRecords container records to delete: every record but the reattached ones'
 */
public record RecoveryPlan(List<Reattach> reattach, List<Report> report, List<TaskCheckpoint> alreadyTerminal,
    List<ContainerRecord> killProcesses, List<String> removeDocker, List<String> forgetRecords) {
  public RecoveryPlan {
    reattach = List.copyOf(reattach);
    report = List.copyOf(report);
    alreadyTerminal = List.copyOf(alreadyTerminal);
    killProcesses = List.copyOf(killProcesses);
    removeDocker = List.copyOf(removeDocker);
    forgetRecords = List.copyOf(forgetRecords);
  }

  public record Reattach(TaskCheckpoint task, ContainerRecord container) {}

  public record Report(TaskCheckpoint task, String detail) {}
}
