package io.drover.master.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Mesos {@code TaskGroupInfo}: tasks launched together under one executor (LAUNCH_GROUP). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskGroupInfo(List<TaskInfo> tasks) {}
