package io.drover.master.cluster;

import static io.drover.master.cluster.Harness.res;
import static org.assertj.core.api.Assertions.assertThat;

import io.drover.common.mesos.TaskState;
import io.drover.master.cluster.Effect.CloseStream;
import io.drover.master.cluster.Effect.Rejected;
import io.drover.master.cluster.Effect.Rejection;
import io.drover.master.cluster.Effect.SendToAgent;
import io.drover.master.cluster.Effect.SendToFramework;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FrameworkLifecycleTest {
  final Harness h = new Harness();

  @Test
  void newFrameworkGetsMasterPrefixedIdAndSubscribed() {
    List<Effect> out = h.run(new Command.Subscribe(Harness.info(null, true, 60), "s1", Set.of(), 0));
    assertThat(out).containsExactly(new SendToFramework("M-0000", new FrameworkEvent.Subscribed("M-0000", 15.0)));
    assertThat(h.core.frameworkIds()).containsExactly("M-0000");
    assertThat(h.core.isConnected("M-0000")).isTrue();
    assertThat(h.core.frameworkInfo("M-0000").orElseThrow().id()).isEqualTo("M-0000");
  }

  @Test
  void resubscribeOnNewStreamClosesTheOldOneAndKeepsTasks() {
    String agent = h.agent("a1", "cpus:4;mem:1024", 0);
    String fw = h.framework(true, 60, "s1", 0);
    Offer offer = h.singleOffer(fw, 1000);
    h.launch(fw, offer, "t1", "cpus:1;mem:128", 1000);

    List<Effect> out = h.run(new Command.Subscribe(Harness.info(fw, true, 60), "s2", Set.of(), 2000));

    assertThat(out).containsExactly(new CloseStream(fw, "s1"),
        new SendToFramework(fw, new FrameworkEvent.Subscribed(fw, 15.0)));
    assertThat(h.core.tasks()).extracting(Task::taskId, Task::agentId, Task::state)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("t1", agent, TaskState.TASK_STAGING));
    // the old stream breaking later does not disconnect the framework
    assertThat(h.run(new Command.Disconnect(fw, "s1", 2500))).isEmpty();
    assertThat(h.core.isConnected(fw)).isTrue();
  }

  @Test
  void resubscribeRescindsNothingButReturnsOutstandingOffersToTheAllocator() {
    String agent = h.agent("a1", "cpus:4;mem:1024", 0);
    String fw = h.framework(false, 60, "s1", 0);
    h.singleOffer(fw, 1000);
    assertThat(h.core.allocator().agentOffered(agent)).isEqualTo(res("cpus:4;mem:1024"));
    h.run(new Command.Subscribe(Harness.info(fw, false, 60), "s2", Set.of(), 2000));
    assertThat(h.core.offers()).isEmpty();
    assertThat(h.core.allocator().agentFree(agent)).isEqualTo(res("cpus:4;mem:1024"));
    // and the framework is offered them again at once (no filter)
    assertThat(h.singleOffer(fw, 2000).resources()).isEqualTo(res("cpus:4;mem:1024"));
  }

  @Test
  void callsFromUnknownOrDisconnectedFrameworksAreRejected() {
    assertThat(h.run(new Command.Revive("nope", Set.of())))
        .containsExactly(new Rejected(Rejection.UNKNOWN_FRAMEWORK, "Framework nope is not registered"));
    String fw = h.framework(false, 60, "s1", 0);
    h.run(new Command.Disconnect(fw, "s1", 10));
    List<Effect> out = h.run(new Command.Decline(fw, List.of("M-O0"), 5, 20));
    assertThat(out).containsExactly(new Rejected(Rejection.NOT_SUBSCRIBED, "Framework " + fw + " is not subscribed"));
    assertThat(((Rejected) out.get(0)).rejection().httpStatus()).isEqualTo(403);
  }

  @Test
  void invalidRolesAreRejected() {
    FrameworkInfo twoRoles = new FrameworkInfo(null, "fw", "root", Set.of("a", "b"), Set.of(), 0, false);
    assertThat(h.run(new Command.Subscribe(twoRoles, "s", Set.of(), 0)))
        .containsExactly(new Rejected(Rejection.INVALID, "several roles need the MULTI_ROLE capability"));
    FrameworkInfo bad = new FrameworkInfo(null, "fw", "root", Set.of("-x"), Set.of(), 0, false);
    assertThat(h.run(new Command.Subscribe(bad, "s", Set.of(), 0))).singleElement()
        .isInstanceOf(Rejected.class);
    assertThat(h.core.frameworkIds()).isEmpty();
  }

  @Test
  void failoverTimeoutExpiryTearsTheFrameworkDown() {
    String agent = h.agent("a1", "cpus:4;mem:1024", 0);
    String fw = h.framework(false, 10, "s1", 0);
    h.launch(fw, h.singleOffer(fw, 1000), "t1", "cpus:1;mem:128", 1000);
    h.run(new Command.StatusUpdate(fw, Harness.fromAgent("t1", TaskState.TASK_RUNNING, agent, 1500), 1500));

    assertThat(h.run(new Command.Disconnect(fw, "s1", 5000))).isEmpty();
    assertThat(h.run(new Command.Tick(14_999))).isEmpty();
    assertThat(h.core.tasks()).hasSize(1);

    assertThat(h.run(new Command.Tick(15_000)))
        .containsExactly(new SendToAgent(agent, new AgentMessage.ShutdownFramework(fw)));
    assertThat(h.core.frameworkIds()).isEmpty();
    assertThat(h.core.tasks()).isEmpty();
    assertThat(h.core.completedTasks()).extracting(Task::taskId, Task::state)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("t1", TaskState.TASK_KILLED));
    assertThat(h.core.allocator().agentFree(agent)).isEqualTo(res("cpus:4;mem:1024"));
    // a removed framework may not come back
    assertThat(h.run(new Command.Subscribe(Harness.info(fw, false, 10), "s2", Set.of(), 16_000)))
        .containsExactly(new Rejected(Rejection.INVALID, "Framework " + fw + " has been removed"));
  }

  @Test
  void resubscribingWithinFailoverTimeoutKeepsTheFramework() {
    String fw = h.framework(false, 10, "s1", 0);
    h.run(new Command.Disconnect(fw, "s1", 5000));
    h.run(new Command.Subscribe(Harness.info(fw, false, 10), "s2", Set.of(), 14_000));
    assertThat(h.run(new Command.Tick(100_000))).isEmpty();
    assertThat(h.core.frameworkIds()).containsExactly(fw);
  }

  @Test
  void teardownClosesTheStreamKillsTasksAndReleasesResources() {
    String agent = h.agent("a1", "cpus:4;mem:1024", 0);
    String fw = h.framework(true, 1000, "s1", 0);
    h.launch(fw, h.singleOffer(fw, 1000), "t1", "cpus:1;mem:128", 1000);
    List<Effect> out = h.run(new Command.Teardown(fw, 2000));
    assertThat(out).containsExactly(new CloseStream(fw, "s1"),
        new SendToAgent(agent, new AgentMessage.ShutdownFramework(fw)));
    assertThat(h.core.allocator().agentUsed(agent)).isEqualTo(io.drover.common.resources.Resources.EMPTY);
    assertThat(h.core.allocator().frameworkIds()).isEmpty();
  }

  @Test
  void suppressAndReviveReachTheAllocator() {
    h.agent("a1", "cpus:4;mem:1024", 0);
    String fw = h.framework(false, 0, "s1", 0);
    h.run(new Command.Suppress(fw, Set.of()));
    assertThat(h.offersFor(fw, 1000)).isEmpty();
    h.run(new Command.Revive(fw, Set.of("*")));
    assertThat(h.offersFor(fw, 2000)).hasSize(1);
    assertThat(h.run(new Command.Suppress(fw, Set.of("other")))).singleElement().isInstanceOf(Rejected.class);
  }
}
