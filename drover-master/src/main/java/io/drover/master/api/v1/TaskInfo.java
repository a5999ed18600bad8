package io.drover.master.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** Mesos {@code TaskInfo}: sets exactly one of {@code command} and {@code executor}. {@code check} uninterpreted. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskInfo(
    String name,
    TaskID taskId,
    AgentID agentId,
    List<Resource> resources,
    ExecutorInfo executor,
    CommandInfo command,
    ContainerInfo container,
    HealthCheck healthCheck,
    JsonNode check,
    KillPolicy killPolicy,
    Bytes data,
    Labels labels,
    DiscoveryInfo discovery,
    DurationInfo maxCompletionTime,
    Map<String, Value.Scalar> limits) {}
