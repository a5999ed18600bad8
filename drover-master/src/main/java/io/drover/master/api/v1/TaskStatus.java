package io.drover.master.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.drover.common.mesos.TaskState;
import io.drover.common.mesos.TaskStatusReason;
import io.drover.common.mesos.TaskStatusSource;

/**
 * Mesos {@code TaskStatus}. {@code timestamp} is seconds since the epoch as a double; {@code uuid} and {@code data}
 * are Base64 bytes (the docs' {@code "bytes"} field name is wrong; the proto's is {@code data}). Only updates with a
 * {@code uuid} are acknowledged. {@code check_status} and {@code limitation} are kept uninterpreted. {@code state},
 * {@code source} and {@code reason} use the shared {@link io.drover.common.mesos} enums, whose {@code UNKNOWN}
 * constant unknown names parse to.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskStatus(
    TaskID taskId,
    TaskState state,
    String message,
    TaskStatusSource source,
    TaskStatusReason reason,
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
}
