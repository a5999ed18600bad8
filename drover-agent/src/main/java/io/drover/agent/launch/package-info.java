/**
 * Pure: what the agent runs for a Mesos v1 {@code TaskInfo} ({@link io.drover.agent.launch.TaskMapper}), where its
 * sandbox lives ({@link io.drover.agent.launch.SandboxLayout}) and which status update a container's end becomes
 * ({@link io.drover.agent.launch.Outcomes}). No I/O: the task engine ({@code io.drover.agent.node}) does it.
 */
package io.drover.agent.launch;
