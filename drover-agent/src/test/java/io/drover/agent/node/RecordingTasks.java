package io.drover.agent.node;

import io.drover.master.api.agent.AgentCall;
import io.drover.master.api.agent.AgentEvent;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** An {@link AgentTasks} that records what the link asks of it, in order. */
final class RecordingTasks implements AgentTasks {
  final List<String> registered = new CopyOnWriteArrayList<>();
  final AtomicInteger masterChanges = new AtomicInteger();
  /** Every call in order, e.g. {@code registered:a-S0}, {@code masterChanged}, {@code launch:t1}. */
  final List<String> calls = new CopyOnWriteArrayList<>();
  final List<AgentEvent> events = new CopyOnWriteArrayList<>();
  final AtomicBoolean closed = new AtomicBoolean();
  volatile Optional<String> recoveredAgentId = Optional.empty();
  volatile List<AgentCall.RunningTask> running = List.of();
  volatile AgentTasksView view = new AgentTasksView(List.of(), List.of());

  @Override public Optional<String> recoveredAgentId() { return recoveredAgentId; }

  @Override public void registered(String agentId) {
    registered.add(agentId);
    calls.add("registered:" + agentId);
  }

  @Override public void launch(AgentEvent.Launch launch) {
    events.add(launch);
    calls.add("launch:" + launch.taskInfo().path("task_id").path("value").asText());
  }

  @Override public void kill(AgentEvent.Kill kill) {
    events.add(kill);
    calls.add("kill:" + kill.taskId());
  }

  @Override public void acknowledged(AgentEvent.Acknowledged ack) {
    events.add(ack);
    calls.add("acknowledged:" + ack.uuid());
  }

  @Override public void shutdownFramework(String frameworkId) { calls.add("shutdownFramework:" + frameworkId); }

  @Override public void masterChanged() {
    masterChanges.incrementAndGet();
    calls.add("masterChanged");
  }

  @Override public List<AgentCall.RunningTask> runningTasks() { return running; }

  @Override public AgentTasksView view() { return view; }

  @Override public void close() { closed.set(true); }
}
