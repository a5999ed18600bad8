package io.drover.master.api.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * What the master sends down an agent's subscription stream, one RecordIO record each. JSON form, via
 * {@link AgentProtocol}: {@code {"type":"LAUNCH","launch":{...}}}, with the body key being the type in lower case;
 * {@link Ping} has no body ({@code {"type":"PING"}}). Fields in snake_case.
 */
public sealed interface AgentEvent {

  /**
   * First event of every stream.
   *
   * @param agentId the id the agent must use from now on (newly assigned, or the one it re-registered with)
   * @param heartbeatIntervalMs how often the agent sends {@link AgentCall.Heartbeat}
   * @param pingTimeoutMs after this long without any event (PINGs included) the agent treats the master as gone
   */
  record Subscribed(String agentId, long heartbeatIntervalMs, long pingTimeoutMs) implements AgentEvent {
    public Subscribed {
      Objects.requireNonNull(agentId, "agent_id");
      if (heartbeatIntervalMs <= 0) throw new IllegalArgumentException("heartbeat_interval_ms must be positive");
      if (pingTimeoutMs <= 0) throw new IllegalArgumentException("ping_timeout_ms must be positive");
    }
  }

  /**
   * Launch a task. {@code frameworkInfo} and {@code taskInfo} are the Mesos v1 JSON objects as the framework sent
   * them, carried opaque: the agent maps them with the api.v1 types.
   *
   * @param role the role the task's resources were allocated to
   */
  record Launch(String frameworkId, JsonNode frameworkInfo, JsonNode taskInfo, String role) implements AgentEvent {
    public Launch {
      Objects.requireNonNull(frameworkId, "framework_id");
      requireObject(frameworkInfo, "framework_info");
      requireObject(taskInfo, "task_info");
      Objects.requireNonNull(role, "role");
    }

    private static void requireObject(JsonNode node, String name) {
      if (node == null || !node.isObject()) throw new IllegalArgumentException(name + " must be a JSON object");
    }
  }

  /**
   * Kill a task, giving it {@code gracePeriodMs} between SIGTERM and SIGKILL; 0 means the agent decides: the task's
   * own {@code kill_policy}, else 3 s.
   */
  record Kill(String frameworkId, String taskId, long gracePeriodMs) implements AgentEvent {
    public Kill {
      Objects.requireNonNull(frameworkId, "framework_id");
      Objects.requireNonNull(taskId, "task_id");
      if (gracePeriodMs < 0) throw new IllegalArgumentException("grace_period_ms must not be negative");
    }
  }

  /** The framework acknowledged the status update {@code uuid} (base64) of this task; the agent may send the next. */
  record Acknowledged(String frameworkId, String taskId, String uuid) implements AgentEvent {
    public Acknowledged {
      Objects.requireNonNull(frameworkId, "framework_id");
      Objects.requireNonNull(taskId, "task_id");
      Objects.requireNonNull(uuid, "uuid");
    }
  }

  /** The framework is gone: kill all its tasks and drop its state. */
  record ShutdownFramework(String frameworkId) implements AgentEvent {
    public ShutdownFramework { Objects.requireNonNull(frameworkId, "framework_id"); }
  }

  /** Keeps the stream alive; carries nothing. */
  record Ping() implements AgentEvent {}

  /** The master refuses the agent (e.g. an unknown agent id on re-registration); the stream ends after it. */
  record Error(String message) implements AgentEvent {
    public Error { Objects.requireNonNull(message, "message"); }
  }
}
