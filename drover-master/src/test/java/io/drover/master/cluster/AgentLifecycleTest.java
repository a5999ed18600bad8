package io.drover.master.cluster;

import static io.drover.master.cluster.Harness.res;
import static io.drover.master.cluster.Harness.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.drover.common.mesos.TaskState;
import io.drover.common.mesos.TaskStatusReason;
import io.drover.common.mesos.TaskStatusSource;
import io.drover.common.resources.Resources;
import io.drover.master.cluster.Effect.PersistRegistry;
import io.drover.master.cluster.Effect.RegistryChange;
import io.drover.master.cluster.Effect.SendToAgent;
import io.drover.master.cluster.Effect.SendToFramework;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentLifecycleTest {
  final Harness h = new Harness();

  @Test
  void registrationIsPersistedBeforeTheReply() {
    AgentInfo info = Harness.agentInfo("a1", "cpus:2;mem:512");
    assertThat(h.run(new Command.RegisterAgent(info, 100))).containsExactly(
        new PersistRegistry(new RegistryChange("M-S0", AgentStatus.REGISTERED, info, 100)),
        new SendToAgent("M-S0", new AgentMessage.Registered("M-S0")));
    assertThat(h.core.agentStatus("M-S0")).contains(AgentStatus.REGISTERED);
    assertThat(h.core.allocator().agentTotal("M-S0")).isEqualTo(res("cpus:2;mem:512"));
  }

  /** Two frameworks with a running task each on one agent, and one outstanding offer for the legacy one. */
  private record Setup(String agent, String pa, String legacy, Offer outstanding) {}

  private Setup twoFrameworksOnOneAgent() {
    String agent = h.agent("a1", "cpus:4;mem:1024", 0);
    String pa = h.framework(true, 0, "s1", 0);
    h.run(new Command.Suppress(pa, java.util.Set.of()));
    String legacy = h.framework(false, 0, "s2", 0);
    Offer o1 = h.singleOffer(legacy, 1000);
    h.launch(legacy, o1, "legacy-task", "cpus:1;mem:100", 1000);
    h.run(new Command.Revive(pa, java.util.Set.of()));
    h.run(new Command.Suppress(legacy, java.util.Set.of()));
    Offer o2 = h.singleOffer(pa, 1100);
    h.launch(pa, o2, "pa-task", "cpus:1;mem:100", 1100);
    h.run(new Command.Suppress(pa, java.util.Set.of()));
    h.run(new Command.Revive(legacy, java.util.Set.of()));
    Offer outstanding = h.singleOffer(legacy, 7000);
    h.run(new Command.StatusUpdate(pa, Harness.fromAgent("pa-task", TaskState.TASK_RUNNING, agent, 7000), 7000));
    h.run(new Command.StatusUpdate(legacy, Harness.fromAgent("legacy-task", TaskState.TASK_RUNNING, agent, 7000),
        7000));
    return new Setup(agent, pa, legacy, outstanding);
  }

  @Test
  void missedPingsMakeTheAgentUnreachable() {
    Setup s = twoFrameworksOnOneAgent();
    h.run(new Command.AgentPing(s.agent(), 10_000));
    // 5 x 15 s after the last ping
    assertThat(h.run(new Command.Tick(84_999))).isEmpty();
    List<Effect> out = h.run(new Command.Tick(85_000));

    String msg = "Agent " + s.agent() + " is unreachable";
    TaskStatus paUnreachable = new TaskStatus("pa-task", TaskState.TASK_UNREACHABLE, TaskStatusSource.SOURCE_MASTER,
        TaskStatusReason.REASON_AGENT_REMOVED, msg, s.agent(), 85_000, null, null, 85_000L);
    TaskStatus legacyLost = new TaskStatus("legacy-task", TaskState.TASK_LOST, TaskStatusSource.SOURCE_MASTER,
        TaskStatusReason.REASON_AGENT_REMOVED, msg, s.agent(), 85_000, null, null, 85_000L);
    assertThat(out).containsExactly(
        new SendToFramework(s.legacy(), new FrameworkEvent.Rescind(s.outstanding().offerId())),
        new PersistRegistry(new RegistryChange(s.agent(), AgentStatus.UNREACHABLE,
            Harness.agentInfo("a1", "cpus:4;mem:1024"), 85_000)),
        update(s.pa(), paUnreachable),
        new SendToFramework(s.pa(), new FrameworkEvent.Failure(s.agent(), null)),
        update(s.legacy(), legacyLost),
        new SendToFramework(s.legacy(), new FrameworkEvent.Failure(s.agent(), null)));
    assertThat(h.core.agentStatus(s.agent())).contains(AgentStatus.UNREACHABLE);
    assertThat(h.core.offers()).isEmpty();
    assertThat(h.core.allocator().agentIds()).doesNotContain(s.agent());
    // the master keeps both tasks as unreachable; the legacy framework sees them as lost
    assertThat(h.core.tasks()).extracting(Task::state).containsOnly(TaskState.TASK_UNREACHABLE);
    assertThat(h.run(new Command.Reconcile(s.legacy(), List.of(), 90_000))).singleElement()
        .extracting(e -> ((FrameworkEvent.Update) ((SendToFramework) e).event()).status().state())
        .isEqualTo(TaskState.TASK_LOST);
  }

  @Test
  void returningAgentHasItsNonPartitionAwareTasksKilled() {
    Setup s = twoFrameworksOnOneAgent();
    h.run(new Command.Tick(80_000));
    assertThat(h.core.agentStatus(s.agent())).contains(AgentStatus.UNREACHABLE);

    AgentInfo info = Harness.agentInfo("a1", "cpus:4;mem:1024");
    List<Effect> out = h.run(new Command.ReregisterAgent(s.agent(), info, List.of(
        new ReportedTask(s.pa(), "pa-task", "pa-task", "*", res("cpus:1;mem:100"), TaskState.TASK_RUNNING),
        new ReportedTask(s.legacy(), "legacy-task", "legacy-task", "*", res("cpus:1;mem:100"),
            TaskState.TASK_RUNNING)), 90_000));

    assertThat(out).containsExactly(
        new PersistRegistry(new RegistryChange(s.agent(), AgentStatus.REGISTERED, info, 90_000)),
        new SendToAgent(s.agent(), new AgentMessage.Reregistered(s.agent())),
        new SendToAgent(s.agent(), new AgentMessage.ShutdownFramework(s.legacy())));
    assertThat(h.core.tasks()).extracting(Task::taskId, Task::state)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("pa-task", TaskState.TASK_RUNNING));
    assertThat(h.core.allocator().agentUsed(s.agent())).isEqualTo(res("cpus:1;mem:100"));
    assertThat(h.core.agentStatus(s.agent())).contains(AgentStatus.REGISTERED);
    // pings count again from the re-registration
    assertThat(h.run(new Command.Tick(164_999))).isEmpty();
  }

  @Test
  void markedGoneTasksAreGoneByOperatorAndTheAgentCannotReturn() {
    Setup s = twoFrameworksOnOneAgent();
    List<Effect> out = h.run(new Command.MarkAgentGone(s.agent(), 8000));
    assertThat(out).contains(
        update(s.pa(), TaskStatus.fromMaster("pa-task", TaskState.TASK_GONE_BY_OPERATOR,
            TaskStatusReason.REASON_AGENT_REMOVED_BY_OPERATOR, "Agent " + s.agent() + " marked gone by the operator",
            s.agent(), 8000)),
        update(s.legacy(), TaskStatus.fromMaster("legacy-task", TaskState.TASK_LOST,
            TaskStatusReason.REASON_AGENT_REMOVED_BY_OPERATOR, "Agent " + s.agent() + " marked gone by the operator",
            s.agent(), 8000)),
        new SendToAgent(s.agent(), new AgentMessage.Shutdown("Agent has been marked gone")));
    assertThat(h.core.tasks()).isEmpty();
    assertThat(h.run(new Command.ReregisterAgent(s.agent(), Harness.agentInfo("a1", "cpus:4"), List.of(), 9000)))
        .containsExactly(new SendToAgent(s.agent(), new AgentMessage.Shutdown("Agent has been marked gone")));
  }

  @Test
  void agentLossWhileOfferedFreesEverythingAndNoOfferSurvives() {
    String agent = h.agent("a1", "cpus:4;mem:1024", 0);
    String fw = h.framework(false, 0, "s1", 0);
    Offer offer = h.singleOffer(fw, 1000);
    h.run(new Command.Tick(75_000));
    assertThat(h.launch(fw, offer, "t1", "cpus:1", 75_001)).singleElement()
        .extracting(e -> ((FrameworkEvent.Update) ((SendToFramework) e).event()).status().reason())
        .isEqualTo(TaskStatusReason.REASON_INVALID_OFFERS);
    assertThat(h.core.allocator().totals()).isEqualTo(Resources.EMPTY);
    assertThat(h.core.agentStatus(agent)).contains(AgentStatus.UNREACHABLE);
  }
}
