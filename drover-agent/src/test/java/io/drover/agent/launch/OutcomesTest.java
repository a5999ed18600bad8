package io.drover.agent.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.agent.containerizer.ContainerExit;
import io.drover.agent.containerizer.ContainerExit.Reason;
import io.drover.agent.containerizer.ContainerExit.Termination;
import io.drover.common.mesos.TaskState;
import io.drover.common.mesos.TaskStatusReason;
import io.drover.common.mesos.TaskStatusSource;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class OutcomesTest {
  private static ContainerExit exit(Termination t, Reason r, boolean killed) {
    return new ContainerExit("c", t, Optional.ofNullable(r), "m", killed);
  }

  @Test
  void exitsMapToMesosStates() {
    assertThat(Outcomes.ofExit(exit(new Termination.Exited(0), null, false), false).state())
        .isEqualTo(TaskState.TASK_FINISHED);
    Outcome failed = Outcomes.ofExit(exit(new Termination.Exited(2), Reason.REASON_COMMAND_EXECUTOR_FAILED, false),
        false);
    assertThat(failed.state()).isEqualTo(TaskState.TASK_FAILED);
    assertThat(failed.reason()).contains(TaskStatusReason.REASON_COMMAND_EXECUTOR_FAILED);
    Outcome killed = Outcomes.ofExit(exit(new Termination.Signaled(15), null, true), true);
    assertThat(killed.state()).isEqualTo(TaskState.TASK_KILLED);
    assertThat(killed.healthy()).isFalse();
    Outcome oom = Outcomes.ofExit(exit(new Termination.Signaled(9), Reason.REASON_CONTAINER_LIMITATION_MEMORY, true),
        false);
    assertThat(oom.state()).isEqualTo(TaskState.TASK_FAILED);
    assertThat(oom.reason()).contains(TaskStatusReason.REASON_CONTAINER_LIMITATION_MEMORY);
    Outcome launch = Outcomes.ofExit(exit(new Termination.NotStarted(), Reason.REASON_CONTAINER_LAUNCH_FAILED, false),
        false);
    assertThat(launch.state()).isEqualTo(TaskState.TASK_FAILED);
    assertThat(launch.source()).isEqualTo(TaskStatusSource.SOURCE_AGENT);
    assertThat(launch.reason()).contains(TaskStatusReason.REASON_CONTAINER_LAUNCH_FAILED);
    assertThat(Outcomes.ofExit(exit(new Termination.NotStarted(), Reason.REASON_TASK_INVALID, false), false).state())
        .isEqualTo(TaskState.TASK_ERROR);
    assertThat(Outcomes.ofExit(exit(new Termination.Unknown(), Reason.REASON_EXECUTOR_TERMINATED, false), false)
        .reason()).contains(TaskStatusReason.REASON_EXECUTOR_TERMINATED);
  }

  @Test
  void unknownTaskKillIsDroppedForPartitionAwareElseLost() {
    assertThat(Outcomes.unknownTaskKilled(true).state()).isEqualTo(TaskState.TASK_DROPPED);
    assertThat(Outcomes.unknownTaskKilled(false).state()).isEqualTo(TaskState.TASK_LOST);
  }
}
