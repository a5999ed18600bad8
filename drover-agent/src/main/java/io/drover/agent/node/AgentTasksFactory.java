package io.drover.agent.node;

import io.drover.common.resources.Resources;

/**
 * Creates the agent's task engine ({@link AgentTasks}). The engine needs the master link as its
 * {@link AgentTasks.UpdateSender}, and the link needs the engine, so {@link Agent#start} hands the engine a sender
 * that forwards to the link once it runs (updates sent before that are dropped; the engine retries them).
 */
@FunctionalInterface
public interface AgentTasksFactory {

  /**
   * Starts the engine: recovers checkpoints under {@link AgentConfig#workDir()} and reattaches running containers
   * before returning.
   *
   * @param resources the agent's total resources (explicit plus detected)
   * @param updates where the engine sends status updates
   * @throws Exception if the engine cannot start; the message is shown to the user
   */
  AgentTasks create(AgentConfig config, Resources resources, AgentTasks.UpdateSender updates) throws Exception;

  /** The real engine: the process containerizer always, Docker when {@code --containerizers} names it. */
  static AgentTasksFactory taskEngine() {
    return (config, resources, updates) -> TaskEngine.start(TaskEngineConfig.of(config.workDir(),
        config.hostname().orElseGet(Agent::localHostname),
        config.containerizers().contains(AgentConfig.ContainerizerType.DOCKER), config.allowPrivileged()), updates);
  }
}
