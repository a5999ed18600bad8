package io.drover.agent.node;

import io.drover.master.api.agent.AgentCall;
import io.drover.master.api.agent.AgentEvent;
import java.util.List;
import java.util.Optional;

/**
 * The agent's task engine as the master link sees it: it runs what the master asks for, and reports through an
 * {@link UpdateSender}. Implementations own their own thread; every method returns at once (work is queued) and is
 * safe to call from any thread.
 *
 * <p>Lifecycle: the engine is started (recovering checkpoints, reattaching running containers and cleaning orphan
 * {@code drover-*} containers) before the agent subscribes; {@link #recoveredAgentId()} tells the link whether to
 * re-register. {@link #registered} is called after every SUBSCRIBED, before any LAUNCH of that stream.
 */
public interface AgentTasks extends AutoCloseable {

  /** The agent id found in the checkpoints at start, if any: the agent re-registers with it. */
  Optional<String> recoveredAgentId();

  /** The master assigned or confirmed {@code agentId}; the engine checkpoints it. */
  void registered(String agentId);

  void launch(AgentEvent.Launch launch);

  void kill(AgentEvent.Kill kill);

  /** The framework acknowledged an update: pop it and send the task's next one, if any. */
  void acknowledged(AgentEvent.Acknowledged ack);

  /** Kill every task of the framework and drop its state. */
  void shutdownFramework(String frameworkId);

  /** The link (re)subscribed to a master: every unacknowledged head is sent again now. */
  void masterChanged();

  /** Non-terminal tasks, for re-registration. */
  List<AgentCall.RunningTask> runningTasks();

  /** A consistent snapshot for the agent's {@code /state} endpoint. */
  AgentTasksView view();

  /** Stops health checks and update retries; running containers are left running (they are recovered later). */
  @Override void close();

  /** Where updates go; the master link posts them. A failed send needs no handling: the engine retries the head. */
  @FunctionalInterface
  interface UpdateSender {
    void send(AgentCall.Update update);
  }
}
