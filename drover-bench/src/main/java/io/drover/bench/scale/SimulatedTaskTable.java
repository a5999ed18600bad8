package io.drover.bench.scale;

import io.drover.agent.status.AckResult;
import io.drover.agent.status.AddResult;
import io.drover.agent.status.CheckpointStore;
import io.drover.agent.status.Outgoing;
import io.drover.agent.status.StatusUpdate;
import io.drover.agent.status.StatusUpdateManager;
import io.drover.agent.status.StreamKey;
import io.drover.common.mesos.TaskState;
import io.drover.common.mesos.TaskStatusReason;
import io.drover.common.mesos.TaskStatusSource;
import io.drover.common.random.Rng;
import io.drover.master.api.agent.AgentCall;
import io.drover.master.api.agent.AgentEvent;
import io.drover.master.api.v1.ApiJson;
import io.drover.master.api.v1.FrameworkInfo;
import io.drover.master.api.v1.ResourceJson;
import io.drover.master.api.v1.TaskInfo;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The tasks of one simulated agent, pure (time and randomness are arguments): what a real agent's task engine does
 * with LAUNCH, KILL and ACKNOWLEDGED when the container is imaginary. Each method returns the UPDATE calls to post
 * now.
 *
 * <p>Contract, as the real agent ({@code TaskEngine}) behaves for a container that starts at once and dies at once:
 * <ul>
 *   <li>LAUNCH → TASK_STARTING then TASK_RUNNING, source executor, each with a fresh uuid, through the agent's own
 *       {@link StatusUpdateManager} (one stream per task: only the head is in flight, the next leaves when the
 *       framework acknowledged the head; unacknowledged heads are resent after 10 s, doubling, see {@link #due}).
 *       The first send carries {@code latest_state} TASK_RUNNING, as the real agent's does.
 *   <li>KILL of a running task → TASK_KILLING first when the framework has the TASK_KILLING_STATE capability, then
 *       TASK_KILLED (source executor). KILL of a task this agent does not run → TASK_LOST (TASK_DROPPED for
 *       partition-aware frameworks), source agent, REASON_EXECUTOR_TERMINATED, "Cannot find executor".
 *   <li>A LAUNCH for a task id this agent already runs is ignored (counted in {@link #duplicateLaunches()}).
 *   <li>SHUTDOWN_FRAMEWORK drops the framework's tasks and unsent updates.
 * </ul>
 * Nothing is checkpointed (the real agent fsyncs checkpoints for checkpointing frameworks). Not thread-safe.
 */
public final class SimulatedTaskTable {
  private final Rng rng;
  private final StatusUpdateManager updates = new StatusUpdateManager(CheckpointStore.NONE);
  /** Tasks launched and not yet ended, in launch order. */
  private final Map<StreamKey, RunningTask> running = new LinkedHashMap<>();
  private final Map<String, Capabilities> frameworks = new HashMap<>();
  private String agentId;
  private int duplicateLaunches;

  private record Capabilities(boolean killingState, boolean partitionAware) {}

  private static final class RunningTask {
    final String name;
    final String role;
    final String resources;
    TaskState state = TaskState.TASK_STAGING;

    RunningTask(String name, String role, String resources) {
      this.name = name;
      this.role = role;
      this.resources = resources;
    }
  }

  public SimulatedTaskTable(Rng rng) { this.rng = rng; }

  /** The master answered SUBSCRIBED: updates from now on carry {@code id}, and every unacknowledged head is resent. */
  public List<AgentCall.Update> registered(String id, long nowMs) {
    agentId = id;
    updates.retryAllNow(nowMs);
    return due(nowMs);
  }

  public List<AgentCall.Update> launch(AgentEvent.Launch launch, long nowMs) {
    TaskInfo task = ApiJson.mapper().convertValue(launch.taskInfo(), TaskInfo.class);
    FrameworkInfo info = ApiJson.mapper().convertValue(launch.frameworkInfo(), FrameworkInfo.class);
    frameworks.put(launch.frameworkId(), new Capabilities(info.hasCapability(FrameworkInfo.CapabilityType.TASK_KILLING_STATE),
        info.hasCapability(FrameworkInfo.CapabilityType.PARTITION_AWARE)));
    StreamKey key = new StreamKey(launch.frameworkId(), task.taskId().value());
    if (running.containsKey(key) || updates.stream(key).isPresent()) {
      duplicateLaunches++;
      return List.of();
    }
    String resources = task.resources() == null ? "" : ResourceJson.fromJson(task.resources()).toString();
    running.put(key, new RunningTask(task.name() == null ? "" : task.name(), launch.role(), resources));
    add(key, TaskState.TASK_STARTING, TaskStatusSource.SOURCE_EXECUTOR, Optional.empty(), Optional.empty(), nowMs);
    add(key, TaskState.TASK_RUNNING, TaskStatusSource.SOURCE_EXECUTOR, Optional.empty(), Optional.empty(), nowMs);
    return due(nowMs);
  }

  public List<AgentCall.Update> kill(AgentEvent.Kill kill, long nowMs) {
    StreamKey key = new StreamKey(kill.frameworkId(), kill.taskId());
    RunningTask task = running.get(key);
    Capabilities caps = frameworks.getOrDefault(kill.frameworkId(), new Capabilities(false, false));
    if (task == null) {
      if (updates.stream(key).isPresent()) return List.of(); // already ended; its terminal update is on its way
      add(key, caps.partitionAware() ? TaskState.TASK_DROPPED : TaskState.TASK_LOST, TaskStatusSource.SOURCE_AGENT,
          Optional.of(TaskStatusReason.REASON_EXECUTOR_TERMINATED), Optional.of("Cannot find executor"), nowMs);
      return due(nowMs);
    }
    if (caps.killingState() && task.state == TaskState.TASK_RUNNING) {
      add(key, TaskState.TASK_KILLING, TaskStatusSource.SOURCE_EXECUTOR, Optional.empty(), Optional.empty(), nowMs);
    }
    running.remove(key);
    add(key, TaskState.TASK_KILLED, TaskStatusSource.SOURCE_EXECUTOR, Optional.empty(), Optional.empty(), nowMs);
    return due(nowMs);
  }

  /** The framework acknowledged update {@code uuid} (base64); the stream's next update, if any, is sent. */
  public List<AgentCall.Update> acknowledged(AgentEvent.Acknowledged ack, long nowMs) {
    UUID uuid;
    try {
      uuid = StatusUpdate.uuidOf(Base64.getDecoder().decode(ack.uuid()));
    } catch (IllegalArgumentException e) {
      return List.of(); // the real agent logs and ignores a malformed uuid
    }
    AckResult result = updates.acknowledge(ack.frameworkId(), ack.taskId(), uuid, nowMs);
    return result instanceof AckResult.Acknowledged ? due(nowMs) : List.of();
  }

  public List<AgentCall.Update> shutdownFramework(AgentEvent.ShutdownFramework shutdown) {
    updates.removeFramework(shutdown.frameworkId());
    running.keySet().removeIf(k -> k.frameworkId().equals(shutdown.frameworkId()));
    frameworks.remove(shutdown.frameworkId());
    return List.of();
  }

  /** Every head due at {@code nowMs} (first sends and retries); each counts as sent. Nothing before SUBSCRIBED. */
  public List<AgentCall.Update> due(long nowMs) {
    if (agentId == null) return List.of();
    List<AgentCall.Update> out = new ArrayList<>();
    for (Outgoing o : updates.due(nowMs)) out.add(call(o));
    return out;
  }

  /** The tasks a re-registration reports: launched and not ended, with their latest state. */
  public List<AgentCall.RunningTask> runningTasks() {
    List<AgentCall.RunningTask> out = new ArrayList<>(running.size());
    for (var e : running.entrySet()) {
      RunningTask t = e.getValue();
      out.add(new AgentCall.RunningTask(e.getKey().frameworkId(), e.getKey().taskId(), t.name, t.role, t.resources,
          t.state.name()));
    }
    return out;
  }

  /** Tasks launched and not ended. */
  public int taskCount() { return running.size(); }

  public int duplicateLaunches() { return duplicateLaunches; }

  private void add(StreamKey key, TaskState state, TaskStatusSource source, Optional<TaskStatusReason> reason,
      Optional<String> message, long nowMs) {
    StatusUpdate u = new StatusUpdate(key.taskId(), key.frameworkId(), agentId == null ? "" : agentId,
        Optional.empty(), state, source, reason, message, null, StatusUpdate.newUuid(rng), nowMs, Optional.empty(),
        Optional.empty());
    if (!(updates.update(u, nowMs) instanceof AddResult.Added)) {
      throw new IllegalStateException("update " + state + " of task " + key.taskId() + " was refused");
    }
    RunningTask t = running.get(key);
    if (t != null) t.state = state;
  }

  /** The UPDATE call of the real agent ({@code StatusJson.call}); {@code latest_state} always set. */
  private AgentCall.Update call(Outgoing out) {
    StatusUpdate u = out.update();
    return new AgentCall.Update(agentId, u.frameworkId(), u.taskId(), u.state().name(), u.source().name(),
        u.reason().map(Enum::name), u.message(), Base64.getEncoder().encodeToString(u.uuidBytes()),
        Optional.ofNullable(u.healthy()), u.timestampMs(), Optional.of(out.latestState().name()));
  }
}
