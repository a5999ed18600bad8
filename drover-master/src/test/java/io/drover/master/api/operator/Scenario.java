package io.drover.master.api.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.common.mesos.TaskState;
import io.drover.master.cluster.AgentStatus;
import io.drover.master.cluster.Command;
import io.drover.master.cluster.Offer;
import java.util.List;

/**
 * One known cluster, built step by step with real commands:
 *
 * <ul>
 *   <li>t=1000 agent a1 (M-S0: cpus:4;mem:1024;ports:[31000-31005], rack:r1) registers.
 *   <li>t=2000 framework "web" (M-0000, partition-aware, failover 100 s) subscribes on stream s1.
 *   <li>t=3000 offer M-O0 (all of a1) is accepted: web-1 (cpus:1;mem:128;ports:[31000-31000]) and batch-1
 *       (cpus:1;mem:100) launch.
 *   <li>t=3500 agent a2 (M-S1: cpus:2;mem:512) registers; offer M-O1 (all of a2) is accepted: db-1 (cpus:1;mem:256).
 *   <li>t=4000 web-1 and db-1 RUNNING; t=5000 batch-1 FINISHED.
 *   <li>t=6000 framework "old" (M-0001, not partition-aware) subscribes on s2; t=7000 it is torn down.
 *   <li>t=70000 a1 pings; t=78500 a2 is unreachable (db-1 TASK_UNREACHABLE).
 *   <li>t=80000 offer M-O2 (the rest of a1: cpus:3;mem:896;ports:[31001-31005]) is outstanding.
 * </ul>
 */
final class Scenario {
  final Cluster c = new Cluster();
  String a1;
  String a2;
  String web;
  String old;

  Scenario() {
    a1 = c.agent("a1", "cpus:4;mem:1024;ports:[31000-31005]", "rack:r1", 1000);
    web = c.framework("web", true, 100, "s1", 2000);
    Offer o0 = single(c.allocate(3000));
    c.run(new Command.Accept(web, List.of(o0.offerId()), List.of(
        Cluster.task("web-1", a1, "cpus:1;mem:128;ports:[31000-31000]"),
        Cluster.task("batch-1", a1, "cpus:1;mem:100")), 5.0, 3000));
    a2 = c.agent("a2", "cpus:2;mem:512", "", 3500);
    Offer o1 = single(c.allocate(3500));
    assertThat(o1.agentId()).isEqualTo(a2);
    c.run(new Command.Accept(web, List.of(o1.offerId()), List.of(Cluster.task("db-1", a2, "cpus:1;mem:256")), 5.0,
        3500));
    c.update(web, "web-1", TaskState.TASK_RUNNING, a1, 4000);
    c.update(web, "db-1", TaskState.TASK_RUNNING, a2, 4000);
    c.update(web, "batch-1", TaskState.TASK_FINISHED, a1, 5000);
    old = c.framework("old", false, 0, "s2", 6000);
    c.run(new Command.Teardown(old, 7000));
    c.run(new Command.AgentPing(a1, 70_000));
    c.run(new Command.Tick(78_500));
    assertThat(c.core.agentStatus(a2)).contains(AgentStatus.UNREACHABLE);
    Offer o2 = single(c.allocate(80_000));
    assertThat(o2.offerId()).isEqualTo("M-O2");
  }

  private static Offer single(List<Offer> offers) {
    assertThat(offers).hasSize(1);
    return offers.get(0);
  }
}
