package io.drover.master.api.v1;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Mesos {@code TaskStatus}. {@code timestamp} is seconds since the epoch as a double; {@code uuid} and {@code data}
 * are Base64 bytes (the docs' {@code "bytes"} field name is wrong; the proto's is {@code data}). Only updates with a
 * {@code uuid} are acknowledged. {@code check_status} and {@code limitation} are kept uninterpreted.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskStatus(
    TaskID taskId,
    TaskState state,
    String message,
    Source source,
    Reason reason,
    Bytes data,
    AgentID agentId,
    ExecutorID executorId,
    Double timestamp,
    Bytes uuid,
    Boolean healthy,
    JsonNode checkStatus,
    Labels labels,
    ContainerStatus containerStatus,
    TimeInfo unreachableTime,
    JsonNode limitation) {

  /** Proto numbers start at SOURCE_MASTER=0, so Drover's catch-all UNKNOWN is -1. */
  public enum Source {
    @JsonEnumDefaultValue UNKNOWN(-1), SOURCE_MASTER(0), SOURCE_AGENT(1), SOURCE_EXECUTOR(2);

    private final int number;

    Source(int number) { this.number = number; }

    public int number() { return number; }
  }

  /** {@code TaskStatus.Reason} (v1 names: AGENT rather than SLAVE). UNKNOWN (-1) is Drover's catch-all. */
  public enum Reason {
    @JsonEnumDefaultValue UNKNOWN(-1),
    REASON_COMMAND_EXECUTOR_FAILED(0),
    REASON_CONTAINER_LAUNCH_FAILED(21),
    REASON_CONTAINER_LIMITATION(19),
    REASON_CONTAINER_LIMITATION_DISK(20),
    REASON_CONTAINER_LIMITATION_MEMORY(8),
    REASON_CONTAINER_PREEMPTED(17),
    REASON_CONTAINER_UPDATE_FAILED(22),
    REASON_MAX_COMPLETION_TIME_REACHED(33),
    REASON_EXECUTOR_REGISTRATION_TIMEOUT(23),
    REASON_EXECUTOR_REREGISTRATION_TIMEOUT(24),
    REASON_EXECUTOR_TERMINATED(1),
    REASON_EXECUTOR_UNREGISTERED(2),
    REASON_FRAMEWORK_REMOVED(3),
    REASON_GC_ERROR(4),
    REASON_INVALID_FRAMEWORKID(5),
    REASON_INVALID_OFFERS(6),
    REASON_IO_SWITCHBOARD_EXITED(27),
    REASON_MASTER_DISCONNECTED(7),
    REASON_RECONCILIATION(9),
    REASON_RESOURCES_UNKNOWN(18),
    REASON_AGENT_DISCONNECTED(10),
    REASON_AGENT_DRAINING(34),
    REASON_AGENT_REMOVED(11),
    REASON_AGENT_REMOVED_BY_OPERATOR(31),
    REASON_AGENT_REREGISTERED(32),
    REASON_AGENT_RESTARTED(12),
    REASON_AGENT_UNKNOWN(13),
    REASON_TASK_KILLED_DURING_LAUNCH(30),
    REASON_TASK_CHECK_STATUS_UPDATED(28),
    REASON_TASK_HEALTH_CHECK_STATUS_UPDATED(29),
    REASON_TASK_GROUP_INVALID(25),
    REASON_TASK_GROUP_UNAUTHORIZED(26),
    REASON_TASK_INVALID(14),
    REASON_TASK_UNAUTHORIZED(15),
    REASON_TASK_UNKNOWN(16);

    private final int number;

    Reason(int number) { this.number = number; }

    public int number() { return number; }
  }
}
