package io.drover.agent.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.agent.status.ContainerStatus;
import io.drover.agent.status.StatusUpdate;
import io.drover.common.mesos.TaskState;
import io.drover.common.mesos.TaskStatusReason;
import io.drover.common.mesos.TaskStatusSource;
import io.drover.common.random.Rng;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HealthUpdatesTest {
  private final Rng rng = Rng.seeded(5);

  @Test
  void aReportBecomesARunningUpdateWithHealthyAndTheHealthReason() {
    StatusUpdate running = StatusUpdate.create("fw", "t", "a", TaskState.TASK_RUNNING, TaskStatusSource.SOURCE_EXECUTOR,
        StatusUpdate.newUuid(rng), 100).withExecutorId("ex").withContainerStatus(ContainerStatus.of("c", List.of()));
    UUID uuid = StatusUpdate.newUuid(rng);
    StatusUpdate u = HealthUpdates.toStatusUpdate(new HealthReport(false, 3, true, "HTTP 503"), running, uuid, 200);
    assertThat(u.healthy()).isFalse();
    assertThat(u.reason()).hasValue(TaskStatusReason.REASON_TASK_HEALTH_CHECK_STATUS_UPDATED);
    assertThat(u.message()).hasValue("HTTP 503");
    assertThat(u.state()).isEqualTo(TaskState.TASK_RUNNING);
    assertThat(u.uuid()).isEqualTo(uuid);
    assertThat(u.timestampMs()).isEqualTo(200);
    assertThat(u.executorId()).hasValue("ex");
    assertThat(u.containerStatus()).isEqualTo(running.containerStatus());
  }

  @Test
  void onlyARunningTaskReportsHealth() {
    StatusUpdate starting = StatusUpdate.create("fw", "t", "a", TaskState.TASK_STARTING, TaskStatusSource.SOURCE_EXECUTOR,
        StatusUpdate.newUuid(rng), 100);
    assertThatThrownBy(() -> HealthUpdates.toStatusUpdate(new HealthReport(true, 0, false, "ok"), starting,
        StatusUpdate.newUuid(rng), 1)).hasMessageContaining("TASK_RUNNING");
  }
}
