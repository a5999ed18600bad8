/**
 * The agent process (edge): the task engine that drives containerizers, status updates and health checks
 * ({@link io.drover.agent.node.AgentTasks}), the link to the leading master, and the agent's HTTP endpoints.
 */
package io.drover.agent.node;
