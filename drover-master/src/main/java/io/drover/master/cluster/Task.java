package io.drover.master.cluster;

import io.drover.common.mesos.TaskState;
import io.drover.common.resources.Resources;

/** A snapshot of one task as the master knows it (for views, operator API and tests). */
public record Task(String taskId, String frameworkId, String agentId, String name, String role, Resources resources,
    TaskState state, TaskStatus latestStatus) {}
