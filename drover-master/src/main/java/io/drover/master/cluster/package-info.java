/**
 * The master's pure decision core (mesos.md §1, §3): frameworks, agents, offers and tasks as a single-threaded state
 * machine. {@link io.drover.master.cluster.ClusterCore#handle} takes a {@link io.drover.master.cluster.Command}
 * (time arrives as {@code nowMs}) and returns the {@link io.drover.master.cluster.Effect}s the driver must carry out,
 * in order. No I/O, no clocks, no entropy: ids come from an injected {@link io.drover.master.cluster.IdGenerator}.
 *
 * <p>{@link io.drover.master.cluster.TaskState}, {@link io.drover.master.cluster.Reason} and
 * {@link io.drover.master.cluster.Source} deliberately duplicate the agent's {@code io.drover.agent.status} enums
 * (same names and proto numbers): the master must not depend on drover-agent. A later move to drover-common would
 * unify them.
 */
package io.drover.master.cluster;
