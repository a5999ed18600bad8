/**
 * Launching app tasks and reading their status, pure (no I/O, no clocks: time is an argument).
 *
 * <p>{@link io.drover.apps.launch.TaskBuilder} turns an app, a task id and an offer match into the Mesos v1
 * {@code TaskInfo} Drover's agent runs (with {@link io.drover.apps.launch.MesosHealthChecks} for the health check);
 * {@link io.drover.apps.launch.StatusMapping} turns a Mesos {@code TaskStatus} into Marathon's instance condition,
 * health flag and backoff effect; {@link io.drover.apps.launch.StatusEvents} writes the matching event-bus JSON.
 */
package io.drover.apps.launch;
