package io.drover.master.cluster;

import io.drover.common.mesos.TaskState;
import io.drover.common.resources.Resources;
import java.util.LinkedHashMap;
import java.util.Map;

/** The core's mutable per-entity state. Package-private: only {@link ClusterCore} and its helpers touch it. */
final class Records {
  private Records() {}

  static final class FrameworkRecord {
    final String id;
    /** Null while the framework is only known from agents' reports after a master failover. */
    FrameworkInfo info;
    /** The open subscription stream, null while disconnected. */
    String streamId;
    /** When a disconnected framework is torn down; Long.MAX_VALUE while connected or never subscribed. */
    long failoverDeadlineMs = Long.MAX_VALUE;
    /** For the operator views: first SUBSCRIBE with this master, last resubscription; -1 while unknown / none. */
    long registeredMs = -1;
    long reregisteredMs = -1;
    final Map<String, TaskRecord> tasks = new LinkedHashMap<>();

    FrameworkRecord(String id, FrameworkInfo info) {
      this.id = id;
      this.info = info;
    }

    boolean connected() { return streamId != null; }

    /** Unknown frameworks (no info yet) count as partition-aware: the core never kills what it cannot judge. */
    boolean partitionAware() { return info == null || info.partitionAware(); }
  }

  static final class AgentRecord {
    final String id;
    AgentInfo info;
    AgentStatus status;
    long lastSeenMs;
    long unreachableSinceMs;
    /** For the operator views: when the agent was added to this master, and last re-registered (-1: never). */
    long registeredMs;
    long reregisteredMs = -1;

    AgentRecord(String id, AgentInfo info, AgentStatus status, long lastSeenMs) {
      this.id = id;
      this.info = info;
      this.status = status;
      this.lastSeenMs = lastSeenMs;
      this.registeredMs = lastSeenMs;
    }
  }

  static final class TaskRecord {
    final String taskId;
    final String frameworkId;
    final String agentId;
    final String name;
    final String role;
    final Resources resources;
    TaskStatus latest;
    /**
     * A framework asked to kill the task. Kept so the kill is sent again when the agent re-registers still running
     * it: the first KillTask may have gone down a stream the agent had already lost (Mesos' {@code killedTasks}).
     */
    boolean killRequested;

    TaskRecord(String taskId, String frameworkId, String agentId, String name, String role, Resources resources,
        TaskStatus latest) {
      this.taskId = taskId;
      this.frameworkId = frameworkId;
      this.agentId = agentId;
      this.name = name;
      this.role = role;
      this.resources = resources;
      this.latest = latest;
    }

    TaskState state() { return latest.state(); }

    Task snapshot() { return new Task(taskId, frameworkId, agentId, name, role, resources, latest.state(), latest); }
  }
}
