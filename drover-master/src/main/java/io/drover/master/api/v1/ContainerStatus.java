package io.drover.master.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Mesos {@code ContainerStatus}; {@code cgroup_info} uninterpreted. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContainerStatus(
    ContainerID containerId, List<NetworkInfo> networkInfos, JsonNode cgroupInfo, Integer executorPid) {}
