/**
 * The master's pure decision core (mesos.md §1, §3): frameworks, agents, offers and tasks as a single-threaded state
 * machine. {@link io.drover.master.cluster.ClusterCore#handle} takes a {@link io.drover.master.cluster.Command}
 * (time arrives as {@code nowMs}) and returns the {@link io.drover.master.cluster.Effect}s the driver must carry out,
 * in order. No I/O, no clocks, no entropy: ids come from an injected {@link io.drover.master.cluster.IdGenerator}.
 *
 * <p>Task states, status reasons and sources are the shared {@link io.drover.common.mesos.TaskState},
 * {@link io.drover.common.mesos.TaskStatusReason} and {@link io.drover.common.mesos.TaskStatusSource}, the same enums
 * the agent and the v1 API use.
 */
package io.drover.master.cluster;
