package io.drover.master.cluster;

import static io.drover.master.cluster.Harness.master;
import static io.drover.master.cluster.Harness.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.drover.common.mesos.TaskState;
import io.drover.common.mesos.TaskStatusReason;
import io.drover.common.mesos.TaskStatusSource;
import io.drover.master.cluster.Command.ReconcileTask;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** mesos.md §3 "Explicit reconciliation of an unknown task", one row per agent situation and framework kind. */
class ReconciliationTest {
  private static final String UNKNOWN = "Reconciliation: task is unknown";

  /** A core recovered from a registry (R0 recovered, U0 unreachable, G0 gone) plus a newly registered M-S0. */
  private static Harness recovered() {
    Harness h = new Harness();
    h.run(new Command.RecoverRegistry(List.of("R0"), List.of("U0"), List.of("G0"), 0));
    h.agent("a1", "cpus:1;mem:100", 0);
    return h;
  }

  @ParameterizedTest(name = "agent {0}, partition-aware {1} -> {2}")
  @CsvSource({
      "M-S0, true, TASK_GONE",
      "U0, true, TASK_UNREACHABLE",
      "G0, true, TASK_GONE_BY_OPERATOR",
      "X9, true, TASK_UNKNOWN",
      "M-S0, false, TASK_LOST",
      "U0, false, TASK_LOST",
      "G0, false, TASK_LOST",
      "X9, false, TASK_LOST"})
  void unknownTaskIsAnsweredByItsAgentsSituation(String agentId, boolean partitionAware, TaskState expected) {
    Harness h = recovered();
    String fw = h.framework(partitionAware, 0, "s", 0);
    List<Effect> out = h.run(new Command.Reconcile(fw, List.of(new ReconcileTask("t", agentId)), 10));
    assertThat(out).containsExactly(update(fw, master("t", expected, TaskStatusReason.REASON_RECONCILIATION, UNKNOWN,
        agentId, 10)));
  }

  @Test
  void recoveredAgentNotYetReregisteredGetsNoReply() {
    Harness h = recovered();
    String fw = h.framework(true, 0, "s", 0);
    assertThat(h.run(new Command.Reconcile(fw, List.of(new ReconcileTask("t", "R0")), 10))).isEmpty();
    // without an agent id the master stays silent while any recovered agent may still report the task
    assertThat(h.run(new Command.Reconcile(fw, List.of(new ReconcileTask("t", null)), 10))).isEmpty();
  }

  @Test
  void taskWithoutAgentIsUnknownWhenNoAgentIsStillRecovering() {
    Harness h = new Harness();
    String pa = h.framework(true, 0, "s1", 0);
    String legacy = h.framework(false, 0, "s2", 0);
    assertThat(h.run(new Command.Reconcile(pa, List.of(new ReconcileTask("t", null)), 10))).containsExactly(
        update(pa, master("t", TaskState.TASK_UNKNOWN, TaskStatusReason.REASON_RECONCILIATION, UNKNOWN, null, 10)));
    assertThat(h.run(new Command.Reconcile(legacy, List.of(new ReconcileTask("t", null)), 10))).containsExactly(
        update(legacy, master("t", TaskState.TASK_LOST, TaskStatusReason.REASON_RECONCILIATION, UNKNOWN, null, 10)));
  }

  @Test
  void knownTasksAnswerTheirLatestStateExplicitlyAndImplicitly() {
    Harness h = new Harness();
    String agent = h.agent("a1", "cpus:4;mem:1024", 0);
    String fw = h.framework(true, 0, "s", 0);
    Offer offer = h.singleOffer(fw, 1000);
    h.run(new Command.Accept(fw, List.of(offer.offerId()), List.of(
        TaskInfo.command("t1", agent, Harness.res("cpus:1"), "x"),
        TaskInfo.command("t2", agent, Harness.res("cpus:1"), "x")), 5, 1000));
    h.run(new Command.StatusUpdate(fw, Harness.fromAgent("t1", TaskState.TASK_RUNNING, agent, 1100), 1100));

    TaskStatus t1 = new TaskStatus("t1", TaskState.TASK_RUNNING, TaskStatusSource.SOURCE_MASTER, TaskStatusReason.REASON_RECONCILIATION,
        "Reconciliation: latest task state", agent, 2000, null, null, null);
    TaskStatus t2 = new TaskStatus("t2", TaskState.TASK_STAGING, TaskStatusSource.SOURCE_MASTER, TaskStatusReason.REASON_RECONCILIATION,
        "Reconciliation: latest task state", agent, 2000, null, null, null);
    assertThat(h.run(new Command.Reconcile(fw, List.of(new ReconcileTask("t1", null)), 2000)))
        .containsExactly(update(fw, t1));
    assertThat(h.run(new Command.Reconcile(fw, List.of(), 2000))).containsExactly(update(fw, t1), update(fw, t2));
  }
}
