package io.drover.agent.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.agent.containerizer.ContainerHandle;
import io.drover.agent.containerizer.ProcStat;
import io.drover.agent.launch.MappingResult;
import io.drover.agent.launch.Outcomes;
import io.drover.agent.launch.TaskMapper;
import io.drover.agent.launch.TaskPlan;
import io.drover.agent.recovery.ContainerKind;
import io.drover.agent.recovery.ContainerRecord;
import io.drover.agent.recovery.RecoveryPlan;
import io.drover.agent.recovery.RecoveryPlanner;
import io.drover.agent.recovery.TaskCheckpoint;
import io.drover.agent.status.StatusUpdate;
import io.drover.agent.status.StreamKey;
import io.drover.common.mesos.TaskState;
import io.drover.common.mesos.TaskStatusSource;
import io.drover.master.api.v1.ApiJson;
import io.drover.master.api.v1.TaskInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The side effects of recovery, on the engine thread at start; the decisions are {@link RecoveryPlanner}'s. */
final class EngineRecovery {
  private static final Logger LOG = LoggerFactory.getLogger(EngineRecovery.class);
  private final TaskEngine e;

  EngineRecovery(TaskEngine engine) {
    this.e = engine;
  }

  void recover() {
    e.recoveredAgentId = e.meta.latestAgentId();
    e.agentId = e.recoveredAgentId.orElse(null);
    List<TaskCheckpoint> tasks = List.of();
    if (e.agentId != null) {
      for (Map.Entry<String, JsonNode> fw : e.meta.frameworks(e.agentId).entrySet()) {
        e.framework(fw.getKey(), fw.getValue());
      }
      tasks = e.meta.tasks(e.agentId);
    }
    e.updates = e.newUpdateManager();
    Set<StreamKey> terminal = new HashSet<>();
    for (StreamKey k : e.updates.streamKeys()) {
      if (e.updates.latestState(k.frameworkId(), k.taskId()).map(TaskState::isTerminal).orElse(false)) {
        terminal.add(k);
      }
    }
    Map<String, ContainerRecord> records = e.meta.containers();
    Set<String> live = new HashSet<>();
    for (ContainerRecord r : records.values()) {
      if (r.kind() == ContainerKind.PROCESS && r.pid() != null && ProcStat.isSameProcess(r.pid(), r.startTime())) {
        live.add(r.containerId());
      }
    }
    Set<String> docker = Set.of();
    if (e.config.docker().isPresent()) {
      try {
        docker = e.config.docker().get().droverContainers().keySet();
      } catch (RuntimeException ex) {
        LOG.error("recovery: listing the drover-* Docker containers failed; Docker tasks are reported lost", ex);
      }
    }
    RecoveryPlan plan = RecoveryPlanner.plan(tasks, records, live, docker, terminal);
    LOG.info("recovery of agent {}: {} reattached, {} ended while down, {} awaiting delivery, {} orphan processes "
        + "killed, {} orphan Docker containers removed", e.agentId, plan.reattach().size(), plan.report().size(),
        plan.alreadyTerminal().size(), plan.killProcesses().size(), plan.removeDocker().size());

    for (ContainerRecord orphan : plan.killProcesses()) {
      killOrphan(orphan);
    }
    for (String id : plan.removeDocker()) {
      try {
        e.config.docker().ifPresent(d -> d.removeOrphan(id));
      } catch (RuntimeException ex) {
        LOG.error("recovery: removing orphan Docker container drover-{} failed", id, ex);
      }
    }
    for (String id : plan.forgetRecords()) {
      e.meta.removeContainer(id);
    }
    for (TaskCheckpoint t : plan.alreadyTerminal()) {
      EngineTask task = restore(t);
      task.ended = true;
      task.state = e.updates.latestState(t.frameworkId(), t.taskId()).orElse(TaskState.TASK_LOST);
    }
    for (RecoveryPlan.Report r : plan.report()) {
      EngineTask task = restore(r.task());
      task.ended = true;
      e.emit(task, Outcomes.endedWhileAgentDown(r.detail()));
    }
    for (RecoveryPlan.Reattach r : plan.reattach()) {
      reattach(r);
    }
  }

  private EngineTask restore(TaskCheckpoint t) {
    EngineFramework fw = e.framework(t.frameworkId(), null);
    TaskPlan plan = null;
    try {
      TaskInfo info = ApiJson.mapper().treeToValue(t.taskInfo(), TaskInfo.class);
      if (TaskMapper.map(info, new TaskMapper.Context(t.frameworkId(), e.agentId, e.config.hostname(),
          true, e.config.defaultKillGraceMs())) instanceof MappingResult.Mapped m) {
        plan = m.plan();
      }
    } catch (IOException | IllegalArgumentException ex) {
      LOG.warn("recovery: task {} has an unreadable task_info: {}", t.taskId(), ex.getMessage());
    }
    EngineTask task = new EngineTask(t.frameworkId(), t.taskId(), t.taskInfo().path("name").asText(""), t.role(),
        t.taskInfo(), plan == null ? "" : plan.resources(), t.containerId(), Path.of(t.sandbox()), t.kind(), plan);
    task.state = e.updates.latestState(t.frameworkId(), t.taskId()).orElse(TaskState.TASK_RUNNING);
    fw.tasks.put(t.taskId(), task);
    return task;
  }

  private void reattach(RecoveryPlan.Reattach r) {
    TaskCheckpoint t = r.task();
    EngineTask task = restore(t);
    Optional<ContainerHandle> handle;
    try {
      handle = switch (t.kind()) {
        case PROCESS -> e.config.process().recover(t.containerId(), r.container().pid(), r.container().startTime());
        case DOCKER -> e.config.docker().flatMap(d -> d.recover(t.containerId(), Path.of(t.sandbox())));
      };
    } catch (RuntimeException ex) {
      LOG.error("recovery: reattaching container {} of task {} failed", t.containerId(), t.taskId(), ex);
      handle = Optional.empty();
    }
    if (handle.isEmpty()) {
      task.ended = true;
      e.meta.removeContainer(t.containerId());
      e.emit(task, Outcomes.endedWhileAgentDown("its container " + t.containerId() + " ended during recovery"));
      return;
    }
    LOG.info("recovery: task {} of framework {} reattached to container {}", t.taskId(), t.frameworkId(),
        t.containerId());
    // The base of health updates: the task is running (its RUNNING update was generated before the restart, or is
    // generated now when the agent stopped between the container's start and that update).
    StatusUpdate running = StatusUpdate.create(t.frameworkId(), t.taskId(), e.agentId, TaskState.TASK_RUNNING,
        TaskStatusSource.SOURCE_EXECUTOR, StatusUpdate.newUuid(e.config.rng()), e.config.clock().wallMillis())
        .withExecutorId(t.taskId());
    if (task.state == TaskState.TASK_STAGING || task.state == TaskState.TASK_STARTING) {
      e.add(task, running);
    } else {
      task.running = running;
    }
    e.watchExit(task, handle.get());
    e.startHealth(task);
  }

  private static void killOrphan(ContainerRecord r) {
    if (r.pid() == null || !ProcStat.isSameProcess(r.pid(), r.startTime())) {
      return;
    }
    LOG.info("recovery: killing orphan container {} (pid {}) of task {} of framework {} (not checkpointed)",
        r.containerId(), r.pid(), r.taskId(), r.frameworkId());
    ProcessHandle.of(r.pid()).ifPresent(h -> {
      h.descendants().forEach(ProcessHandle::destroyForcibly);
      h.destroyForcibly();
    });
  }

}
