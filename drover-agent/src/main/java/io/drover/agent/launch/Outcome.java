package io.drover.agent.launch;

import io.drover.common.mesos.TaskState;
import io.drover.common.mesos.TaskStatusReason;
import io.drover.common.mesos.TaskStatusSource;
import java.util.Optional;

/**
 * The fields of a status update to send.
 *
 * @param healthy {@code null} to leave the field unset
 */
public record Outcome(TaskState state, TaskStatusSource source, Optional<TaskStatusReason> reason, String message,
    Boolean healthy) {}
