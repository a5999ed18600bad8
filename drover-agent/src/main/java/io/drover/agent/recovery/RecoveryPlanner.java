package io.drover.agent.recovery;

import io.drover.agent.status.StreamKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides recovery after an agent restart, as Mesos' agent does for checkpointing frameworks: a task whose container
 * still runs is reattached (never relaunched); a task whose container is gone is reported ended; a task whose
 * terminal update is already checkpointed only awaits delivery. Containers nobody claims — those of frameworks that
 * do not checkpoint, and unknown {@code drover-*} Docker containers — are killed or removed.
 */
public final class RecoveryPlanner {
  private RecoveryPlanner() {}

  /**
   * @param tasks the checkpointed tasks
   * @param containers every container record, by container id
   * @param liveProcesses container ids of PROCESS records whose pid is alive with the recorded start time
   * @param dockerContainers container ids of the {@code drover-*} containers on the Docker Engine (running or not)
   * @param terminalStreams tasks whose checkpointed status updates hold a terminal state
   */
  public static RecoveryPlan plan(Collection<TaskCheckpoint> tasks, Map<String, ContainerRecord> containers,
      Set<String> liveProcesses, Set<String> dockerContainers, Set<StreamKey> terminalStreams) {
    List<RecoveryPlan.Reattach> reattach = new ArrayList<>();
    List<RecoveryPlan.Report> report = new ArrayList<>();
    List<TaskCheckpoint> terminal = new ArrayList<>();
    Set<String> claimed = new HashSet<>();
    for (TaskCheckpoint t : tasks) {
      ContainerRecord rec = containers.get(t.containerId());
      if (terminalStreams.contains(new StreamKey(t.frameworkId(), t.taskId()))) {
        terminal.add(t);
        continue;
      }
      if (rec == null) {
        report.add(new RecoveryPlan.Report(t, "no record of its container " + t.containerId()
            + " was checkpointed (the agent stopped while launching it)"));
        continue;
      }
      switch (t.kind()) {
        case DOCKER -> {
          if (dockerContainers.contains(t.containerId())) {
            reattach.add(new RecoveryPlan.Reattach(t, rec));
            claimed.add(t.containerId());
          } else {
            report.add(new RecoveryPlan.Report(t, "its Docker container drover-" + t.containerId()
                + " no longer exists"));
          }
        }
        case PROCESS -> {
          if (rec.pid() == null) {
            report.add(new RecoveryPlan.Report(t, "its process id was never checkpointed (the agent stopped "
                + "while starting it)"));
          } else if (liveProcesses.contains(t.containerId())) {
            reattach.add(new RecoveryPlan.Reattach(t, rec));
            claimed.add(t.containerId());
          } else {
            report.add(new RecoveryPlan.Report(t, "its process " + rec.pid() + " has exited; the exit status is "
                + "unknown"));
          }
        }
      }
    }
    List<ContainerRecord> kill = new ArrayList<>();
    List<String> forget = new ArrayList<>();
    for (ContainerRecord rec : containers.values()) {
      if (claimed.contains(rec.containerId())) {
        continue;
      }
      forget.add(rec.containerId());
      if (rec.kind() == ContainerKind.PROCESS && liveProcesses.contains(rec.containerId())) {
        kill.add(rec);
      }
    }
    Set<String> remove = new TreeSet<>(dockerContainers);
    remove.removeAll(claimed);
    return new RecoveryPlan(reattach, report, terminal, kill, List.copyOf(remove), forget);
  }
}
