package io.drover.master.cluster;

import static io.drover.master.cluster.Harness.master;
import static io.drover.master.cluster.Harness.res;
import static io.drover.master.cluster.Harness.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.drover.common.mesos.TaskState;
import io.drover.common.mesos.TaskStatusReason;
import io.drover.common.resources.Resources;
import io.drover.master.cluster.Effect.SendToAgent;
import java.util.List;
import org.junit.jupiter.api.Test;

class LaunchTest {
  final Harness h = new Harness();

  @Test
  void acceptLaunchesExactResourcesAndRecoversTheRestWithTheFilter() {
    String agent = h.agent("a1", "cpus:4;mem:1024;ports:[31000-31010]", 0);
    String fw = h.framework(false, 0, "s1", 0);
    Offer offer = h.singleOffer(fw, 1000);
    assertThat(offer).isEqualTo(new Offer("M-O0", fw, agent, "a1", "*", res("cpus:4;mem:1024;ports:[31000-31010]"),
        io.drover.common.resources.Attributes.EMPTY));

    TaskInfo task = TaskInfo.command("t1", agent, res("cpus:0.5;mem:128;ports:[31000-31000]"), "sleep 1");
    List<Effect> out = h.run(new Command.Accept(fw, List.of("M-O0"), List.of(task), 5.0, 1000));

    assertThat(out).containsExactly(new SendToAgent(agent,
        new AgentMessage.LaunchTask(fw, h.core.frameworkInfo(fw).orElseThrow(), task, "*")));
    assertThat(h.core.offers()).isEmpty();
    assertThat(h.core.allocator().agentUsed(agent)).isEqualTo(res("cpus:0.5;mem:128;ports:[31000-31000]"));
    assertThat(h.core.allocator().agentFree(agent)).isEqualTo(res("cpus:3.5;mem:896;ports:[31001-31010]"));
    assertThat(h.core.task(fw, "t1").orElseThrow().state()).isEqualTo(TaskState.TASK_STAGING);
    // the rest is filtered for 5 s after the accept, then offered again
    assertThat(h.offersFor(fw, 5999)).isEmpty();
    assertThat(h.singleOffer(fw, 6000).resources()).isEqualTo(res("cpus:3.5;mem:896;ports:[31001-31010]"));
  }

  @Test
  void anOfferCanBeUsedOnlyOnce() {
    String agent = h.agent("a1", "cpus:4;mem:1024", 0);
    String legacy = h.framework(false, 0, "s1", 0);
    Offer offer = h.singleOffer(legacy, 1000);
    h.launch(legacy, offer, "t1", "cpus:1;mem:128", 1000);

    List<Effect> again = h.launch(legacy, offer, "t2", "cpus:1;mem:128", 1100);
    assertThat(again).containsExactly(update(legacy, master("t2", TaskState.TASK_LOST, TaskStatusReason.REASON_INVALID_OFFERS,
        "Task launched with invalid offers: Offer M-O0 is no longer valid", agent, 1100)));
    assertThat(h.core.allocator().agentUsed(agent)).isEqualTo(res("cpus:1;mem:128"));
  }

  @Test
  void partitionAwareFrameworksGetTaskDroppedForInvalidOffers() {
    String agent = h.agent("a1", "cpus:4;mem:1024", 0);
    String fw = h.framework(true, 0, "s1", 0);
    Offer offer = h.singleOffer(fw, 1000);
    h.run(new Command.Decline(fw, List.of(offer.offerId()), 0, 1000));
    assertThat(h.launch(fw, offer, "t1", "cpus:1", 1100)).containsExactly(update(fw, master("t1",
        TaskState.TASK_DROPPED, TaskStatusReason.REASON_INVALID_OFFERS,
        "Task launched with invalid offers: Offer M-O0 is no longer valid", agent, 1100)));
  }

  @Test
  void anotherFrameworksOfferIsInvalidAndStaysOutstanding() {
    h.agent("a1", "cpus:4;mem:1024", 0);
    String a = h.framework(false, 0, "sa", 0);
    String b = h.framework(true, 0, "sb", 0);
    List<Offer> all = new java.util.ArrayList<>();
    for (Effect e : h.run(new Command.Allocate(1000))) {
      all.addAll(((FrameworkEvent.Offers) ((Effect.SendToFramework) e).event()).offers());
    }
    Offer ofA = all.stream().filter(o -> o.frameworkId().equals(a)).findFirst().orElseThrow();
    List<Effect> out = h.launch(b, ofA, "t1", "cpus:1", 1100);
    assertThat(out).containsExactly(update(b, master("t1", TaskState.TASK_DROPPED, TaskStatusReason.REASON_INVALID_OFFERS,
        "Task launched with invalid offers: Offer " + ofA.offerId() + " does not belong to framework " + b,
        ofA.agentId(), 1100)));
    assertThat(h.core.offers()).contains(ofA);
  }

  @Test
  void offersFromDifferentAgentsAreInvalidOffersAndAreRecovered() {
    String a1 = h.agent("a1", "cpus:1;mem:100", 0);
    String a2 = h.agent("a2", "cpus:1;mem:100", 0);
    String fw = h.framework(false, 0, "s1", 0);
    List<Offer> offers = h.offersFor(fw, 1000);
    assertThat(offers).hasSize(2);
    List<Effect> out = h.run(new Command.Accept(fw, offers.stream().map(Offer::offerId).toList(),
        List.of(TaskInfo.command("t1", a1, res("cpus:2"), "x")), 5, 1100));
    assertThat(out).containsExactly(update(fw, master("t1", TaskState.TASK_LOST, TaskStatusReason.REASON_INVALID_OFFERS,
        "Task launched with invalid offers: Aggregated offers must belong to one single agent", a1, 1100)));
    assertThat(h.core.offers()).isEmpty();
    assertThat(h.core.allocator().agentFree(a1)).isEqualTo(res("cpus:1;mem:100"));
    assertThat(h.core.allocator().agentFree(a2)).isEqualTo(res("cpus:1;mem:100"));
  }

  @Test
  void invalidTasksGetTaskErrorWhileValidOnesLaunch() {
    String agent = h.agent("a1", "cpus:2;mem:1024", 0);
    String fw = h.framework(false, 0, "s1", 0);
    Offer offer = h.singleOffer(fw, 1000);
    TaskInfo ok = TaskInfo.command("ok", agent, res("cpus:1;mem:100"), "x");
    TaskInfo dup = TaskInfo.command("ok", agent, res("cpus:0.1"), "x");
    TaskInfo tooBig = TaskInfo.command("big", agent, res("cpus:1.5"), "x");
    TaskInfo noCommand = new TaskInfo("nocmd", "nocmd", agent, res("cpus:0.1"), null, null, null);
    TaskInfo wrongAgent = TaskInfo.command("wrong", "M-S9", res("cpus:0.1"), "x");
    TaskInfo rest = TaskInfo.command("rest", agent, res("cpus:1;mem:924"), "x");

    List<Effect> out = h.run(new Command.Accept(fw, List.of(offer.offerId()),
        List.of(ok, dup, tooBig, noCommand, wrongAgent, rest), 5, 1100));

    FrameworkInfo info = h.core.frameworkInfo(fw).orElseThrow();
    assertThat(out).containsExactly(
        new SendToAgent(agent, new AgentMessage.LaunchTask(fw, info, ok, "*")),
        update(fw, master("ok", TaskState.TASK_ERROR, TaskStatusReason.REASON_TASK_INVALID, "Task has duplicate ID: ok",
            agent, 1100)),
        update(fw, master("big", TaskState.TASK_ERROR, TaskStatusReason.REASON_TASK_INVALID,
            "Task uses more resources cpus:1.5 than available cpus:1; mem:924", agent, 1100)),
        update(fw, master("nocmd", TaskState.TASK_ERROR, TaskStatusReason.REASON_TASK_INVALID,
            "Task should have at least one (but not both) of CommandInfo or ExecutorInfo present", agent, 1100)),
        update(fw, master("wrong", TaskState.TASK_ERROR, TaskStatusReason.REASON_TASK_INVALID,
            "Task uses invalid agent: M-S9 (offers are from " + agent + ")", "M-S9", 1100)),
        new SendToAgent(agent, new AgentMessage.LaunchTask(fw, info, rest, "*")));
    assertThat(h.core.tasks()).extracting(Task::taskId).containsExactly("ok", "rest");
    assertThat(h.core.allocator().agentFree(agent)).isEqualTo(Resources.EMPTY);

    // a task id already running is a duplicate in a later ACCEPT too
    h.run(new Command.StatusUpdate(fw, Harness.fromAgent("rest", TaskState.TASK_FINISHED, agent, 1200), 1200));
    Offer next = h.singleOffer(fw, 7000);
    assertThat(h.launch(fw, next, "ok", "cpus:0.5", 7000)).containsExactly(update(fw, master("ok",
        TaskState.TASK_ERROR, TaskStatusReason.REASON_TASK_INVALID, "Task has duplicate ID: ok", agent, 7000)));
  }

  @Test
  void terminalStatusReleasesResourcesAndIsForwarded() {
    String agent = h.agent("a1", "cpus:4;mem:1024", 0);
    String fw = h.framework(false, 0, "s1", 0);
    h.launch(fw, h.singleOffer(fw, 1000), "t1", "cpus:1;mem:128", 1000);
    TaskStatus running = Harness.fromAgent("t1", TaskState.TASK_RUNNING, agent, 1100);
    assertThat(h.run(new Command.StatusUpdate(fw, running, 1100))).containsExactly(update(fw, running));
    assertThat(h.core.task(fw, "t1").orElseThrow().latestStatus()).isEqualTo(running);
    assertThat(h.core.allocator().agentFree(agent)).isEqualTo(res("cpus:3;mem:896"));

    TaskStatus finished = Harness.fromAgent("t1", TaskState.TASK_FINISHED, agent, 1200);
    assertThat(h.run(new Command.StatusUpdate(fw, finished, 1200))).containsExactly(update(fw, finished));
    assertThat(h.core.allocator().agentFree(agent)).isEqualTo(res("cpus:4;mem:1024"));
    assertThat(h.core.tasks()).isEmpty();
    assertThat(h.core.completedTasks()).extracting(Task::state).containsExactly(TaskState.TASK_FINISHED);

    assertThat(h.run(new Command.Acknowledge(fw, agent, "t1", finished.uuid())))
        .containsExactly(new SendToAgent(agent, new AgentMessage.AcknowledgeUpdate(fw, "t1", finished.uuid())));
  }

  @Test
  void killKnownTaskGoesToItsAgentAndUnknownTaskIsReconciled() {
    String agent = h.agent("a1", "cpus:4;mem:1024", 0);
    String fw = h.framework(true, 0, "s1", 0);
    h.launch(fw, h.singleOffer(fw, 1000), "t1", "cpus:1", 1000);
    assertThat(h.run(new Command.Kill(fw, "t1", null, 1100)))
        .containsExactly(new SendToAgent(agent, new AgentMessage.KillTask(fw, "t1")));
    assertThat(h.run(new Command.Kill(fw, "ghost", agent, 1100))).containsExactly(update(fw, master("ghost",
        TaskState.TASK_GONE, TaskStatusReason.REASON_RECONCILIATION, "Reconciliation: task is unknown", agent, 1100)));
    assertThat(h.run(new Command.Kill(fw, "ghost", null, 1100))).containsExactly(update(fw, master("ghost",
        TaskState.TASK_UNKNOWN, TaskStatusReason.REASON_RECONCILIATION, "Reconciliation: task is unknown", null, 1100)));
  }

  @Test
  void aKillLostWithTheAgentsOldStreamIsSentAgainWhenTheAgentReregisters() {
    String agent = h.agent("a1", "cpus:4;mem:1024", 0);
    String fw = h.framework(true, 0, "s1", 0);
    h.launch(fw, h.singleOffer(fw, 1000), "t1", "cpus:1", 1000);
    h.run(new Command.Kill(fw, "t1", null, 1100)); // went down a stream the restarting agent no longer reads

    List<Effect> out = h.run(new Command.ReregisterAgent(agent, Harness.agentInfo("a1", "cpus:4;mem:1024"), List.of(
        new ReportedTask(fw, "t1", "t1", "*", res("cpus:1"), TaskState.TASK_RUNNING)), 1200));

    assertThat(out).containsExactly(new SendToAgent(agent, new AgentMessage.Reregistered(agent)),
        new SendToAgent(agent, new AgentMessage.KillTask(fw, "t1")));
    // a task nobody asked to kill is left alone
    h.launch(fw, h.singleOffer(fw, 2000), "t2", "cpus:1", 2000);
    assertThat(h.run(new Command.ReregisterAgent(agent, Harness.agentInfo("a1", "cpus:4;mem:1024"), List.of(
        new ReportedTask(fw, "t2", "t2", "*", res("cpus:1"), TaskState.TASK_RUNNING)), 2100)))
        .containsExactly(new SendToAgent(agent, new AgentMessage.Reregistered(agent)));
  }

  @Test
  void aTerminalLatestStateFreesResourcesBeforeTheFrameworkHasSeenIt() {
    String agent = h.agent("a1", "cpus:4;mem:1024", 0);
    String fw = h.framework(false, 0, "s1", 0);
    h.launch(fw, h.singleOffer(fw, 1000), "t1", "cpus:1;mem:128", 1000);
    // The framework has not acknowledged RUNNING yet, but the agent already knows the task finished.
    TaskStatus running = Harness.fromAgent("t1", TaskState.TASK_RUNNING, agent, 1100);
    assertThat(h.run(new Command.StatusUpdate(fw, running, TaskState.TASK_FINISHED, 1100)))
        .containsExactly(update(fw, running));
    assertThat(h.core.allocator().agentFree(agent)).isEqualTo(res("cpus:4;mem:1024"));
    assertThat(h.core.tasks()).isEmpty();
    assertThat(h.core.completedTasks()).extracting(Task::state).containsExactly(TaskState.TASK_FINISHED);

    TaskStatus finished = Harness.fromAgent("t1", TaskState.TASK_FINISHED, agent, 1200);
    assertThat(h.run(new Command.StatusUpdate(fw, finished, TaskState.TASK_FINISHED, 1200)))
        .as("the terminal update itself still reaches the framework").containsExactly(update(fw, finished));
    assertThat(h.core.allocator().agentFree(agent)).isEqualTo(res("cpus:4;mem:1024"));
  }
}
