package io.drover.master.cluster;

/** Master-to-agent messages over the agent protocol. */
public sealed interface AgentMessage {
  record Registered(String agentId) implements AgentMessage {}

  record Reregistered(String agentId) implements AgentMessage {}

  /** Launch one task with exactly {@code task.resources()}, allocated in {@code role}. */
  record LaunchTask(String frameworkId, FrameworkInfo framework, TaskInfo task, String role)
      implements AgentMessage {}

  record KillTask(String frameworkId, String taskId) implements AgentMessage {}

  /** Kill every task of the framework on this agent and forget it (teardown, or non-partition-aware return). */
  record ShutdownFramework(String frameworkId) implements AgentMessage {}

  record AcknowledgeUpdate(String frameworkId, String taskId, String uuid) implements AgentMessage {}

  /** The agent must shut down: it was marked gone and may not come back under its id. */
  record Shutdown(String message) implements AgentMessage {}
}
