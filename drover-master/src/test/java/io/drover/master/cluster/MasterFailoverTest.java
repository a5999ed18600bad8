package io.drover.master.cluster;

import static io.drover.master.cluster.Harness.res;
import static org.assertj.core.api.Assertions.assertThat;

import io.drover.common.mesos.TaskState;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** mesos.md §4: after failover the new leader rebuilds frameworks and tasks from agents and resubscriptions. */
class MasterFailoverTest {
  @Test
  void agentReregistrationAndResubscriptionRebuildTheSameTaskView() {
    Harness old = new Harness();
    String agent = old.agent("a1", "cpus:4;mem:1024", 0);
    String fw = old.framework(true, 3600, "s1", 0);
    old.launch(fw, old.singleOffer(fw, 1000), "t1", "cpus:1;mem:128", 1000);
    old.run(new Command.StatusUpdate(fw, Harness.fromAgent("t1", TaskState.TASK_RUNNING, agent, 1100), 1100));

    Harness fresh = new Harness();
    fresh.run(new Command.RecoverRegistry(List.of(agent), List.of(), List.of(), 50_000));
    assertThat(fresh.core.agentStatus(agent)).contains(AgentStatus.RECOVERED);

    fresh.run(new Command.ReregisterAgent(agent, Harness.agentInfo("a1", "cpus:4;mem:1024"), List.of(
        new ReportedTask(fw, "t1", "t1", "*", res("cpus:1;mem:128"), TaskState.TASK_RUNNING)), 51_000));
    // the framework is not subscribed yet: it gets no offers, but its task holds its resources
    assertThat(fresh.core.frameworkIds()).isEmpty();
    assertThat(fresh.offersFor(fw, 51_500)).isEmpty();
    assertThat(fresh.core.allocator().agentUsed(agent)).isEqualTo(res("cpus:1;mem:128"));

    List<Effect> sub = fresh.run(new Command.Subscribe(Harness.info(fw, true, 3600), "s2", Set.of(), 52_000));
    assertThat(sub).containsExactly(
        new Effect.SendToFramework(fw, new FrameworkEvent.Subscribed(fw, 15.0)));

    assertThat(fresh.core.tasks()).extracting(Task::taskId, Task::frameworkId, Task::agentId, Task::role,
        Task::resources, Task::state).isEqualTo(old.core.tasks().stream().map(t -> org.assertj.core.groups.Tuple
            .tuple(t.taskId(), t.frameworkId(), t.agentId(), t.role(), t.resources(), t.state())).toList());
    assertThat(fresh.core.allocator().agentUsed(agent)).isEqualTo(old.core.allocator().agentUsed(agent));
    // resubscribed: offered the rest, and a finished task frees its share
    assertThat(fresh.singleOffer(fw, 53_000).resources()).isEqualTo(res("cpus:3;mem:896"));
    fresh.run(new Command.StatusUpdate(fw, Harness.fromAgent("t1", TaskState.TASK_FINISHED, agent, 54_000), 54_000));
    assertThat(fresh.core.allocator().agentUsed(agent)).isEqualTo(io.drover.common.resources.Resources.EMPTY);
  }

  @Test
  void recoveredAgentThatNeverReturnsBecomesUnreachable() {
    Harness h = new Harness();
    h.run(new Command.RecoverRegistry(List.of("M-S3"), List.of(), List.of(), 0));
    assertThat(h.run(new Command.Tick(599_999))).isEmpty();
    assertThat(h.run(new Command.Tick(600_000))).singleElement().isInstanceOf(Effect.PersistRegistry.class);
    assertThat(h.core.agentStatus("M-S3")).contains(AgentStatus.UNREACHABLE);
  }
}
