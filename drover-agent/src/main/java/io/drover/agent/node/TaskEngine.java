package io.drover.agent.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.agent.containerizer.ContainerExit;
import io.drover.agent.containerizer.ContainerHandle;
import io.drover.agent.containerizer.ContainerSpec;
import io.drover.agent.containerizer.Containerizer;
import io.drover.agent.containerizer.ProcStat;
import io.drover.agent.containerizer.Running;
import io.drover.agent.health.HealthReport;
import io.drover.agent.health.HealthUpdates;
import io.drover.agent.health.probe.HealthCheckRunner;
import io.drover.agent.health.probe.Probes;
import io.drover.agent.launch.MappingResult;
import io.drover.agent.launch.Outcome;
import io.drover.agent.launch.Outcomes;
import io.drover.agent.launch.SandboxLayout;
import io.drover.agent.launch.TaskMapper;
import io.drover.agent.launch.TaskPlan;
import io.drover.agent.recovery.ContainerKind;
import io.drover.agent.recovery.ContainerRecord;
import io.drover.agent.recovery.TaskCheckpoint;
import io.drover.agent.status.AckResult;
import io.drover.agent.status.AddResult;
import io.drover.agent.status.ContainerStatus;
import io.drover.agent.status.Outgoing;
import io.drover.agent.status.StatusUpdate;
import io.drover.agent.status.StatusUpdateManager;
import io.drover.agent.status.store.FileCheckpointStore;
import io.drover.common.mesos.TaskState;
import io.drover.common.mesos.TaskStatusSource;
import io.drover.master.api.agent.AgentCall;
import io.drover.master.api.agent.AgentEvent;
import io.drover.master.api.v1.ApiJson;
import io.drover.master.api.v1.TaskInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's task engine ({@link AgentTasks}): one thread owns the status update manager, the task table and the
 * retry timer; container starts and exits and health reports are posted to it. See {@link #start}.
 *
 * <p>Per task: LAUNCH → (checkpoints, fsynced, for checkpointing frameworks) → container launched → TASK_STARTING
 * and TASK_RUNNING (source executor) once it runs → health updates on the first result and on every change → a
 * terminal update for its end ({@link Outcomes#ofExit}). Every update goes through the {@link StatusUpdateManager}
 * (checkpointed for checkpointing frameworks, only the head in flight, retried 10 s doubling to 10 min) and leaves as
 * an {@link AgentCall.Update}; when the framework acknowledged the terminal update the task moves to completed.
 */
public final class TaskEngine implements AgentTasks {
  private static final Logger LOG = LoggerFactory.getLogger(TaskEngine.class);

  final TaskEngineConfig config;
  private final UpdateSender sender;
  final EngineLoop loop = new EngineLoop();
  final MetaStore meta;
  StatusUpdateManager updates;
  final Map<String, EngineFramework> frameworks = new LinkedHashMap<>();
  private final ArrayDeque<EngineFramework> completedFrameworks = new ArrayDeque<>();
  private ScheduledFuture<?> retryTimer;
  Optional<String> recoveredAgentId = Optional.empty();
  String agentId;

  private TaskEngine(TaskEngineConfig config, UpdateSender sender) {
    this.config = config;
    this.sender = sender;
    this.meta = new MetaStore(config.workDir());
  }

  /**
   * Starts the engine on {@code config.workDir()}: recovers the checkpoints (reattaching the containers of
   * checkpointed tasks that still exist, reporting those that ended, killing and removing the containers nobody
   * claims) and resends every unacknowledged update, then returns. Throws if the checkpoints cannot be read.
   */
  public static TaskEngine start(TaskEngineConfig config, UpdateSender sender) {
    TaskEngine engine = new TaskEngine(config, sender);
    try {
      engine.loop.call(() -> {
        new EngineRecovery(engine).recover();
        engine.pump();
        return null;
      });
    } catch (RuntimeException e) {
      engine.loop.stop();
      throw e;
    }
    return engine;
  }

  // ---- AgentTasks ---------------------------------------------------------------------------------------------

  @Override public Optional<String> recoveredAgentId() {
    return loop.call(() -> recoveredAgentId);
  }

  @Override public void registered(String id) {
    post(() -> {
      if (!id.equals(agentId)) {
        meta.writeAgentId(id);
        agentId = id;
      }
    });
  }

  @Override public void launch(AgentEvent.Launch launch) {
    post(() -> doLaunch(launch));
  }

  @Override public void kill(AgentEvent.Kill kill) {
    post(() -> doKill(kill));
  }

  @Override public void acknowledged(AgentEvent.Acknowledged ack) {
    post(() -> doAck(ack));
  }

  @Override public void shutdownFramework(String frameworkId) {
    post(() -> doShutdownFramework(frameworkId));
  }

  @Override public void masterChanged() {
    post(() -> {
      updates.retryAllNow(now());
      pump();
    });
  }

  @Override public List<AgentCall.RunningTask> runningTasks() {
    return loop.call(() -> EngineViews.runningTasks(frameworks.values()));
  }

  @Override public AgentTasksView view() {
    return loop.call(() -> EngineViews.view(frameworks.values(), completedFrameworks));
  }

  /** Stops health checks, retries and the engine thread, and closes the containerizers; containers keep running. */
  @Override public void close() {
    if (loop.stopped()) {
      return;
    }
    try {
      loop.call(() -> {
        for (EngineFramework fw : frameworks.values()) {
          fw.tasks.values().forEach(EngineTask::stopHealth);
        }
        if (retryTimer != null) {
          retryTimer.cancel(false);
        }
        return null;
      });
    } finally {
      loop.stop();
      config.process().close();
      config.docker().ifPresent(Containerizer::close);
    }
  }

  /**
   * Test hook for an agent killed with -9: the engine thread stops at once, nothing is checkpointed or sent any
   * more, and the containerizers let go of their containers as a dead process would (health checkers keep probing
   * into the void; their reports are dropped).
   */
  void crashForTest() {
    loop.stop();
    config.process().close();
    config.docker().ifPresent(Containerizer::close);
  }

  // ---- the engine thread ----------------------------------------------------------------------------------------

  long now() {
    return config.clock().monoMillis();
  }

  /** Runs {@code r} on the engine thread (see {@link EngineLoop#post}). */
  void post(Runnable r) {
    loop.post(r);
  }

  EngineFramework framework(String frameworkId, JsonNode infoJson) {
    EngineFramework fw = frameworks.get(frameworkId);
    if (fw == null) {
      fw = new EngineFramework(frameworkId, infoJson);
      frameworks.put(frameworkId, fw);
    } else if (infoJson != null) {
      fw.setInfo(infoJson);
    }
    return fw;
  }

  private void doLaunch(AgentEvent.Launch launch) {
    if (agentId == null) {
      LOG.error("LAUNCH before the agent registered; dropping task {}", launch.taskInfo().path("task_id"));
      return;
    }
    String fid = launch.frameworkId();
    EngineFramework fw = framework(fid, launch.frameworkInfo());
    String taskId = launch.taskInfo().path("task_id").path("value").asText("");
    if (taskId.isEmpty()) {
      LOG.error("LAUNCH of framework {} without task_id.value; dropped", fid);
      return;
    }
    if (fw.tasks.containsKey(taskId)) {
      LOG.warn("task {} of framework {} is already on this agent; duplicate LAUNCH ignored", taskId, fid);
      return;
    }
    String containerId = StatusUpdate.newUuid(config.rng()).toString();
    String name = launch.taskInfo().path("name").asText("");
    MappingResult mapped;
    try {
      TaskInfo info = ApiJson.mapper().treeToValue(launch.taskInfo(), TaskInfo.class);
      mapped = TaskMapper.map(info, new TaskMapper.Context(fid, agentId, config.hostname(),
          config.docker().isPresent(), config.defaultKillGraceMs()));
    } catch (IOException | IllegalArgumentException e) {
      mapped = new MappingResult.Rejected(TaskState.TASK_ERROR,
          io.drover.common.mesos.TaskStatusReason.REASON_TASK_INVALID, "invalid task_info: " + e.getMessage());
    }
    Path sandbox = SandboxLayout.validId(taskId) && SandboxLayout.validId(fid)
        ? Path.of(SandboxLayout.sandbox(config.workDir().toString(), agentId, fid, taskId, containerId))
        : config.workDir();
    switch (mapped) {
      case MappingResult.Rejected r -> {
        EngineTask t = new EngineTask(fid, taskId, name, launch.role(), launch.taskInfo(), "", containerId, sandbox,
            ContainerKind.PROCESS, null);
        t.ended = true;
        fw.tasks.put(taskId, t);
        emit(t, new Outcome(r.state(), TaskStatusSource.SOURCE_AGENT, Optional.of(r.reason()), r.message(), null));
      }
      case MappingResult.Mapped m -> {
        TaskPlan plan = m.plan();
        ContainerKind kind = plan.docker().isPresent() ? ContainerKind.DOCKER : ContainerKind.PROCESS;
        EngineTask t = new EngineTask(fid, taskId, name, launch.role(), launch.taskInfo(), plan.resources(),
            containerId, sandbox, kind, plan);
        fw.tasks.put(taskId, t);
        startContainer(fw, t);
      }
    }
  }

  private void startContainer(EngineFramework fw, EngineTask t) {
    try {
      Files.createDirectories(t.sandbox);
    } catch (IOException e) {
      endWithoutContainer(t, "creating the sandbox " + t.sandbox + " failed: " + e.getMessage());
      return;
    }
    // Checkpoints first: a container that runs is always one a later agent can find.
    if (fw.checkpoint()) {
      meta.writeFramework(agentId, fw.frameworkId, fw.infoJson);
      meta.writeTask(agentId, new TaskCheckpoint(t.frameworkId, t.taskId, t.taskInfo, t.role, t.containerId, t.kind,
          t.sandbox.toString()));
    }
    meta.writeContainer(new ContainerRecord(t.containerId, t.frameworkId, t.taskId, t.kind, fw.checkpoint(), null,
        null));
    TaskPlan p = t.plan;
    ContainerSpec spec = new ContainerSpec(t.containerId, t.sandbox, p.command(), p.env(), p.user(), p.cpuMillis(),
        p.memMb(), p.offeredPorts(), p.labels(), p.docker(), p.uris());
    Containerizer c = containerizer(t.kind);
    ContainerHandle handle;
    try {
      handle = c.launch(spec);
    } catch (IllegalStateException e) {
      meta.removeContainer(t.containerId);
      endWithoutContainer(t, "the containerizer refused the launch: " + e.getMessage());
      return;
    }
    watch(t, handle, fw.checkpoint());
  }

  Containerizer containerizer(ContainerKind kind) {
    return switch (kind) {
      case PROCESS -> config.process();
      case DOCKER -> config.docker().orElseThrow(() -> new IllegalStateException("Docker is not enabled"));
    };
  }

  /** Hooks a launched container's start and end to the engine thread. */
  private void watch(EngineTask t, ContainerHandle handle, boolean checkpoint) {
    handle.started().thenAccept(r -> post(() -> onStarted(t, r, checkpoint)));
    watchExit(t, handle);
  }

  /** Hooks a container's end to the engine thread (all a reattached container needs: it was started before). */
  void watchExit(EngineTask t, ContainerHandle handle) {
    handle.exit().thenAccept(exit -> post(() -> onExit(t, exit)));
  }

  private void endWithoutContainer(EngineTask t, String message) {
    t.ended = true;
    emit(t, new Outcome(TaskState.TASK_FAILED, TaskStatusSource.SOURCE_AGENT,
        Optional.of(io.drover.common.mesos.TaskStatusReason.REASON_CONTAINER_LAUNCH_FAILED), message, null));
  }

  private void onStarted(EngineTask t, Running r, boolean checkpoint) {
    if (t.ended || !isCurrent(t)) {
      return;
    }
    if (t.kind == ContainerKind.PROCESS && r.pid().isPresent()) {
      long pid = r.pid().getAsLong();
      OptionalLong start = ProcStat.startTime(pid);
      if (start.isPresent()) {
        meta.writeContainer(new ContainerRecord(t.containerId, t.frameworkId, t.taskId, t.kind, checkpoint, pid,
            start.getAsLong()));
      }
    }
    ContainerStatus cs = new ContainerStatus(Optional.of(t.containerId), List.of(), r.pid());
    emit(t, new Outcome(TaskState.TASK_STARTING, TaskStatusSource.SOURCE_EXECUTOR, Optional.empty(), null, null), cs);
    emit(t, new Outcome(TaskState.TASK_RUNNING, TaskStatusSource.SOURCE_EXECUTOR, Optional.empty(), null, null), cs);
    startHealth(t);
  }

  void startHealth(EngineTask t) {
    if (t.plan == null || t.plan.healthCheck().isEmpty() || t.killRequested) {
      return;
    }
    var spec = t.plan.healthCheck().get();
    t.health = HealthCheckRunner.start(t.taskId, spec, Probes.of(spec.probe(), t.plan.healthHost()), config.clock(),
        (taskId, report) -> post(() -> onHealth(t, report)));
  }

  private void onHealth(EngineTask t, HealthReport report) {
    if (t.ended || t.running == null || !isCurrent(t)) {
      return;
    }
    if (t.state == TaskState.TASK_RUNNING && !java.util.Objects.equals(t.lastHealthy, report.healthy())) {
      t.lastHealthy = report.healthy();
      StatusUpdate u = HealthUpdates.toStatusUpdate(report, t.running, StatusUpdate.newUuid(config.rng()),
          config.clock().wallMillis());
      add(t, u);
    }
    if (report.killTask() && !t.killRequested) {
      LOG.info("task {} failed {} health checks in a row; killing it", t.taskId, report.consecutiveFailures());
      t.killedByHealthCheck = true;
      killTask(frameworks.get(t.frameworkId), t, t.plan.killGraceMs());
    }
  }

  void onExit(EngineTask t, ContainerExit exit) {
    t.stopHealth();
    meta.removeContainer(t.containerId);
    if (t.ended) {
      return;
    }
    t.ended = true;
    if (!isCurrent(t)) {
      return; // its framework was shut down: nobody acknowledges updates any more
    }
    emit(t, Outcomes.ofExit(exit, t.killedByHealthCheck));
  }

  /** True while {@code t} is still in its framework's task table (not shut down). */
  private boolean isCurrent(EngineTask t) {
    EngineFramework fw = frameworks.get(t.frameworkId);
    return fw != null && fw.tasks.get(t.taskId) == t;
  }

  private void doKill(AgentEvent.Kill kill) {
    EngineFramework fw = frameworks.get(kill.frameworkId());
    EngineTask t = fw == null ? null : fw.tasks.get(kill.taskId());
    if (t == null) {
      LOG.warn("cannot kill task {} of framework {}: no such task on this agent", kill.taskId(), kill.frameworkId());
      Outcome o = Outcomes.unknownTaskKilled(fw != null && fw.partitionAware());
      StatusUpdate u = update(kill.frameworkId(), kill.taskId(), o, Optional.empty());
      if (updates.update(u, now()) instanceof AddResult.Added) {
        pump();
      }
      return;
    }
    if (t.ended) {
      LOG.info("task {} already ended; kill ignored", t.taskId);
      return;
    }
    killTask(fw, t, kill.gracePeriodMs() > 0 ? kill.gracePeriodMs() : t.plan.killGraceMs());
  }

  private void killTask(EngineFramework fw, EngineTask t, long graceMs) {
    LOG.info("killing task {} of framework {} (container {}, grace {} ms)", t.taskId, t.frameworkId, t.containerId,
        graceMs);
    t.killRequested = true;
    t.stopHealth();
    if (fw != null && fw.killingState() && !t.killingSent && t.state == TaskState.TASK_RUNNING) {
      t.killingSent = true;
      emit(t, new Outcome(TaskState.TASK_KILLING, TaskStatusSource.SOURCE_EXECUTOR, Optional.empty(), null,
          t.killedByHealthCheck ? Boolean.FALSE : null));
    }
    if (!containerizer(t.kind).kill(t.containerId, graceMs)) {
      LOG.warn("task {}: container {} was not running when asked to kill it", t.taskId, t.containerId);
    }
  }

  private void doAck(AgentEvent.Acknowledged ack) {
    UUID uuid;
    try {
      uuid = StatusUpdate.uuidOf(Base64.getDecoder().decode(ack.uuid()));
    } catch (IllegalArgumentException e) {
      LOG.warn("acknowledgement with a malformed uuid '{}' for task {} ignored", ack.uuid(), ack.taskId());
      return;
    }
    AckResult result = updates.acknowledge(ack.frameworkId(), ack.taskId(), uuid, now());
    if (result instanceof AckResult.Acknowledged a) {
      if (a.terminated()) {
        EngineFramework fw = frameworks.get(ack.frameworkId());
        EngineTask t = fw == null ? null : fw.tasks.get(ack.taskId());
        if (t != null) {
          fw.complete(t);
          if (fw.checkpoint()) {
            meta.removeTask(agentId, fw.frameworkId, t.taskId);
          }
        }
      }
      pump();
    } else {
      LOG.debug("acknowledgement ignored: {}", result);
    }
  }

  private void doShutdownFramework(String frameworkId) {
    EngineFramework fw = frameworks.remove(frameworkId);
    updates.removeFramework(frameworkId);
    if (fw == null) {
      return;
    }
    for (EngineTask t : fw.tasks.values()) {
      t.stopHealth();
      if (!t.ended) {
        t.killRequested = true;
        containerizer(t.kind).kill(t.containerId, t.plan == null ? 0 : t.plan.killGraceMs());
      }
      fw.completed.addLast(t);
    }
    fw.tasks.clear();
    if (agentId != null) {
      meta.removeFramework(agentId, frameworkId);
    }
    completedFrameworks.addLast(fw);
    while (completedFrameworks.size() > 50) {
      completedFrameworks.removeFirst();
    }
    pump();
  }

  // ---- updates --------------------------------------------------------------------------------------------------

  void emit(EngineTask t, Outcome o) {
    emit(t, o, new ContainerStatus(Optional.of(t.containerId), List.of(), OptionalLong.empty()));
  }

  private void emit(EngineTask t, Outcome o, ContainerStatus cs) {
    add(t, update(t.frameworkId, t.taskId, o, Optional.of(cs)));
  }

  private StatusUpdate update(String fid, String taskId, Outcome o, Optional<ContainerStatus> cs) {
    StatusUpdate u = StatusUpdate.create(fid, taskId, agentId, o.state(), o.source(),
        StatusUpdate.newUuid(config.rng()), config.clock().wallMillis()).withExecutorId(taskId);
    if (o.reason().isPresent()) {
      u = u.withReason(o.reason().get());
    }
    if (o.message() != null) {
      u = u.withMessage(o.message());
    }
    if (o.healthy() != null) {
      u = u.withHealthy(o.healthy());
    }
    return cs.isPresent() ? u.withContainerStatus(cs.get()) : u;
  }

  /** Queues {@code u} (checkpointing it first) as {@code t}'s newest state and sends what is due. */
  void add(EngineTask t, StatusUpdate u) {
    AddResult r = updates.update(u, now());
    if (!(r instanceof AddResult.Added)) {
      LOG.warn("status update {} not queued: {}", u, r);
      return;
    }
    t.state = u.state();
    if (u.state() == TaskState.TASK_RUNNING) {
      t.running = u;
    }
    t.recordStatus(StatusJson.taskStatus(u));
    pump();
  }

  /** Sends every due head and arms the timer for the next one. */
  void pump() {
    for (Outgoing out : updates.due(now())) {
      try {
        sender.send(StatusJson.call(out));
      } catch (RuntimeException e) {
        LOG.warn("sending status update {} failed; it is retried", out.update(), e);
      }
    }
    if (retryTimer != null) {
      retryTimer.cancel(false);
      retryTimer = null;
    }
    OptionalLong next = updates.nextDueMs();
    if (next.isPresent() && !loop.stopped()) {
      retryTimer = loop.schedule(this::pump, Math.max(0, next.getAsLong() - now()));
    }
  }

  StatusUpdateManager newUpdateManager() {
    return StatusUpdateManager.recover(new FrameworkCheckpointStore(new FileCheckpointStore(config.workDir()),
        fid -> {
          EngineFramework fw = frameworks.get(fid);
          return fw != null && fw.checkpoint();
        }), now());
  }
}
