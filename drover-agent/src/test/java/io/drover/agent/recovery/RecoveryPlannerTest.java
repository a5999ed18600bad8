package io.drover.agent.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.drover.agent.status.StreamKey;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class RecoveryPlannerTest {
  private static TaskCheckpoint task(String id, ContainerKind kind) {
    return new TaskCheckpoint("fw", id, JsonNodeFactory.instance.objectNode(), "*", "c-" + id, kind, "/sb/" + id);
  }

  private static ContainerRecord rec(String id, ContainerKind kind, boolean checkpoint, Long pid) {
    return new ContainerRecord("c-" + id, "fw", id, kind, checkpoint, pid, pid == null ? null : 100L);
  }

  @Test
  void liveContainersAreReattachedDeadOnesReportedAndOrphansCleaned() {
    List<TaskCheckpoint> tasks = List.of(task("p-live", ContainerKind.PROCESS), task("p-dead", ContainerKind.PROCESS),
        task("p-nopid", ContainerKind.PROCESS), task("d-live", ContainerKind.DOCKER),
        task("d-gone", ContainerKind.DOCKER), task("no-record", ContainerKind.PROCESS),
        task("done", ContainerKind.PROCESS));
    Map<String, ContainerRecord> records = Map.of(
        "c-p-live", rec("p-live", ContainerKind.PROCESS, true, 10L),
        "c-p-dead", rec("p-dead", ContainerKind.PROCESS, true, 11L),
        "c-p-nopid", rec("p-nopid", ContainerKind.PROCESS, true, null),
        "c-d-live", rec("d-live", ContainerKind.DOCKER, true, null),
        "c-d-gone", rec("d-gone", ContainerKind.DOCKER, true, null),
        "c-done", rec("done", ContainerKind.PROCESS, true, 12L),
        "c-volatile", rec("volatile", ContainerKind.PROCESS, false, 13L));
    RecoveryPlan plan = RecoveryPlanner.plan(tasks, records, Set.of("c-p-live", "c-done", "c-volatile"),
        Set.of("c-d-live", "c-unknown"), Set.of(new StreamKey("fw", "done")));

    assertThat(plan.reattach()).extracting(r -> r.task().taskId()).containsExactlyInAnyOrder("p-live", "d-live");
    assertThat(plan.report()).extracting(r -> r.task().taskId())
        .containsExactlyInAnyOrder("p-dead", "p-nopid", "d-gone", "no-record");
    assertThat(plan.report()).filteredOn(r -> r.task().taskId().equals("p-dead")).singleElement()
        .satisfies(r -> assertThat(r.detail()).contains("exited"));
    assertThat(plan.alreadyTerminal()).extracting(TaskCheckpoint::taskId).containsExactly("done");
    // The terminal task's container and the non-checkpointing framework's process are orphans: killed.
    assertThat(plan.killProcesses()).extracting(ContainerRecord::containerId)
        .containsExactlyInAnyOrder("c-done", "c-volatile");
    assertThat(plan.removeDocker()).containsExactly("c-unknown");
    assertThat(plan.forgetRecords()).doesNotContain("c-p-live", "c-d-live").hasSize(5);
  }

  @Test
  void nothingCheckpointedMeansEverythingIsCleaned() {
    RecoveryPlan plan = RecoveryPlanner.plan(List.of(), Map.of(), Set.of(), Set.of("a", "b"), Set.of());
    assertThat(plan.reattach()).isEmpty();
    assertThat(plan.removeDocker()).containsExactly("a", "b");
  }
}
