package io.drover.master.cluster;

import io.drover.common.mesos.TaskState;
import io.drover.common.resources.Resources;

/**
 * A task a re-registering agent reports as running (or otherwise non-terminal) on it.
 *
 * @param role the allocation role the task was launched with (from the LAUNCH message)
 */
public record ReportedTask(String frameworkId, String taskId, String name, String role, Resources resources,
    TaskState state) {}
