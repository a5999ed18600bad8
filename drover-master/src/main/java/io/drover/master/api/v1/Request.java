package io.drover.master.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Mesos {@code Request} (REQUEST call payload item; ignored by the built-in allocator). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Request(AgentID agentId, List<Resource> resources) {}
