package io.drover.master.api.agent;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an agent sends to the master ({@code POST /api/v1/agent}). JSON form, via {@link AgentProtocol}:
 * {@code {"type":"SUBSCRIBE","subscribe":{...}}}, {@code {"type":"UPDATE","update":{...}}},
 * {@code {"type":"HEARTBEAT","heartbeat":{...}}}, fields in snake_case. Task states, sources and reasons are the
 * Mesos enum names as plain strings ({@code TASK_RUNNING}, {@code SOURCE_EXECUTOR}, {@code REASON_...}).
 */
public sealed interface AgentCall {

  /**
   * Opens the event stream. A first registration has no {@code agentId}; a re-registration carries the id the
   * master assigned before and the tasks still running, so the master can reconcile them.
   *
   * @param resources total resources in Mesos text form ({@code cpus:4;mem:7168;ports:[31000-32000]})
   * @param attributes attributes in Mesos text form ({@code rack:r1;zone:a}); empty if none
   * @param version the agent's Drover version, informational
   */
  record Subscribe(Optional<String> agentId, String hostname, int port, String resources, String attributes,
      List<RunningTask> runningTasks, String version) implements AgentCall {
    public Subscribe {
      agentId = agentId == null ? Optional.empty() : agentId;
      Objects.requireNonNull(hostname, "hostname");
      Objects.requireNonNull(resources, "resources");
      attributes = attributes == null ? "" : attributes;
      runningTasks = runningTasks == null ? List.of() : List.copyOf(runningTasks);
      Objects.requireNonNull(version, "version");
      if (port < 1 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  /**
   * A task the agent still runs, reported on re-registration.
   *
   * @param resources the task's resources in Mesos text form
   * @param state the latest state, e.g. {@code TASK_RUNNING}
   */
  record RunningTask(String frameworkId, String taskId, String name, String role, String resources, String state) {
    public RunningTask {
      Objects.requireNonNull(frameworkId, "framework_id");
      Objects.requireNonNull(taskId, "task_id");
      name = name == null ? "" : name;
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(resources, "resources");
      Objects.requireNonNull(state, "state");
    }
  }

  /**
   * One task status update, to be forwarded to the framework; the master answers with an
   * {@link AgentEvent.Acknowledged} carrying the same {@code uuid} once the framework acknowledged it.
   *
   * @param agentId the sender (the update is posted outside the subscription stream)
   * @param uuid the update's id, base64 (Mesos JSON form of {@code bytes uuid})
   * @param source {@code SOURCE_MASTER}, {@code SOURCE_AGENT} or {@code SOURCE_EXECUTOR}
   * @param reason a Mesos {@code REASON_*} name, if any
   * @param healthy the health check verdict, present only for tasks with a health check
   * @param timestampMs when the update was generated, epoch milliseconds
   * @param latestState the latest state the agent knows, if it differs from {@code state} (Mesos semantics)
   */
  record Update(String agentId, String frameworkId, String taskId, String state, String source,
      Optional<String> reason, Optional<String> message, String uuid, Optional<Boolean> healthy, long timestampMs,
      Optional<String> latestState) implements AgentCall {
    public Update {
      Objects.requireNonNull(agentId, "agent_id");
      Objects.requireNonNull(frameworkId, "framework_id");
      Objects.requireNonNull(taskId, "task_id");
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(source, "source");
      reason = reason == null ? Optional.empty() : reason;
      message = message == null ? Optional.empty() : message;
      Objects.requireNonNull(uuid, "uuid");
      healthy = healthy == null ? Optional.empty() : healthy;
      latestState = latestState == null ? Optional.empty() : latestState;
    }
  }

  /** Liveness from the agent, sent every heartbeat interval the master named in {@link AgentEvent.Subscribed}. */
  record Heartbeat(String agentId) implements AgentCall {
    public Heartbeat { Objects.requireNonNull(agentId, "agent_id"); }
  }
}
