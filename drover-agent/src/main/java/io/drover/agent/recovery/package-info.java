/**
 * Pure: what the agent checkpoints about its tasks and containers ({@link io.drover.agent.recovery.TaskCheckpoint},
 * {@link io.drover.agent.recovery.ContainerRecord}) and the decisions of recovery after a restart
 * ({@link io.drover.agent.recovery.RecoveryPlanner}). The files and the side effects belong to the task engine.
 */
package io.drover.agent.recovery;
