package io.drover.agent.status;

import io.drover.common.mesos.TaskState;
import io.drover.common.mesos.TaskStatusSource;
import io.drover.common.random.Rng;

/** Test helper: updates with uuids from one seeded Rng. */
final class Updates {
  private final Rng rng;

  Updates(long seed) { this.rng = Rng.seeded(seed); }

  StatusUpdate of(String taskId, TaskState state) { return of("fw-1", taskId, state); }

  StatusUpdate of(String frameworkId, String taskId, TaskState state) {
    return StatusUpdate.create(frameworkId, taskId, "agent-S0", state, TaskStatusSource.SOURCE_EXECUTOR,
        StatusUpdate.newUuid(rng), 1_700_000_000_000L);
  }
}
