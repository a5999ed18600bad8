package io.drover.agent.status.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.agent.status.CheckpointRecord;
import io.drover.agent.status.ContainerStatus;
import io.drover.agent.status.StatusUpdate;
import io.drover.agent.status.StreamKey;
import io.drover.common.mesos.TaskState;
import io.drover.common.mesos.TaskStatusReason;
import io.drover.common.mesos.TaskStatusSource;
import io.drover.common.random.Rng;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCheckpointStoreTest {
  @TempDir Path workDir;
  private final Rng rng = Rng.seeded(3);
  private final StreamKey key = new StreamKey("fw-1", "t1");

  private StatusUpdate update(TaskState state) {
    return StatusUpdate.create("fw-1", "t1", "agent-S0", state, TaskStatusSource.SOURCE_EXECUTOR, StatusUpdate.newUuid(rng), 42);
  }

  @Test
  void everyFieldSurvivesTheRoundTrip() {
    StatusUpdate full = update(TaskState.TASK_RUNNING).withExecutorId("ex-1")
        .withReason(TaskStatusReason.REASON_TASK_HEALTH_CHECK_STATUS_UPDATED).withMessage("health check passed")
        .withHealthy(true).withData(new byte[] {0, 1, 2, (byte) 255})
        .withContainerStatus(new ContainerStatus(Optional.of("c-1"), List.of("10.0.0.5"), OptionalLong.of(1234)));
    StatusUpdate bare = update(TaskState.TASK_STAGING);
    FileCheckpointStore store = new FileCheckpointStore(workDir);
    store.append(key, new CheckpointRecord.Update(full));
    store.append(key, new CheckpointRecord.Update(bare));
    store.append(key, new CheckpointRecord.Ack(full.uuid()));

    assertThat(store.fileOf(key)).isEqualTo(workDir.resolve("meta/frameworks/fw-1/tasks/t1/task.updates"));
    assertThat(new FileCheckpointStore(workDir).recover()).containsOnlyKeys(key);
    assertThat(new FileCheckpointStore(workDir).recover().get(key)).containsExactly(
        new CheckpointRecord.Update(full), new CheckpointRecord.Update(bare), new CheckpointRecord.Ack(full.uuid()));
  }

  @Test
  void aTornLastRecordIsDroppedAndTheFileTruncatedSoAppendsContinue() throws Exception {
    FileCheckpointStore store = new FileCheckpointStore(workDir);
    StatusUpdate a = update(TaskState.TASK_RUNNING);
    StatusUpdate b = update(TaskState.TASK_FINISHED);
    store.append(key, new CheckpointRecord.Update(a));
    long whole = Files.size(store.fileOf(key));
    store.append(key, new CheckpointRecord.Update(b));
    long withB = Files.size(store.fileOf(key));
    for (long cut : new long[] {whole + 3, whole + 8, withB - 1}) {
      truncate(store.fileOf(key), withB, cut);
      assertThat(new FileCheckpointStore(workDir).recover().get(key)).as("cut at %d", cut)
          .containsExactly(new CheckpointRecord.Update(a));
      assertThat(Files.size(store.fileOf(key))).isEqualTo(whole);
      store.append(key, new CheckpointRecord.Update(b));
    }
    assertThat(store.recover().get(key)).containsExactly(new CheckpointRecord.Update(a), new CheckpointRecord.Update(b));
  }

  @Test
  void aZeroFilledTailIsATornWrite() throws Exception {
    FileCheckpointStore store = new FileCheckpointStore(workDir);
    StatusUpdate a = update(TaskState.TASK_RUNNING);
    store.append(key, new CheckpointRecord.Update(a));
    long whole = Files.size(store.fileOf(key));
    Files.write(store.fileOf(key), new byte[100], StandardOpenOption.APPEND);
    assertThat(store.recover().get(key)).containsExactly(new CheckpointRecord.Update(a));
    assertThat(Files.size(store.fileOf(key))).isEqualTo(whole);
  }

  @Test
  void corruptionBeforeTheEndIsAnError() throws Exception {
    FileCheckpointStore store = new FileCheckpointStore(workDir);
    store.append(key, new CheckpointRecord.Update(update(TaskState.TASK_RUNNING)));
    store.append(key, new CheckpointRecord.Update(update(TaskState.TASK_FINISHED)));
    byte[] bytes = Files.readAllBytes(store.fileOf(key));
    bytes[12] ^= 0x55; // inside the first record's JSON
    Files.write(store.fileOf(key), bytes);
    assertThatThrownBy(store::recover).isInstanceOf(UncheckedIOException.class).hasMessageContaining("CRC mismatch");
  }

  @Test
  void idsCannotEscapeTheirDirectory() {
    FileCheckpointStore store = new FileCheckpointStore(workDir);
    StreamKey odd = new StreamKey("..", "a/b c%");
    StatusUpdate u = StatusUpdate.create("..", "a/b c%", "agent-S0", TaskState.TASK_RUNNING, TaskStatusSource.SOURCE_AGENT,
        StatusUpdate.newUuid(rng), 1);
    store.append(odd, new CheckpointRecord.Update(u));
    assertThat(store.fileOf(odd).normalize()).startsWith(workDir.resolve("meta/frameworks"));
    assertThat(store.fileOf(odd).getParent().getFileName().toString()).isEqualTo("a%2Fb%20c%25");
    assertThat(store.recover()).containsEntry(odd, List.of(new CheckpointRecord.Update(u)));
    store.remove(odd);
    assertThat(store.recover()).isEmpty();
  }

  private static void truncate(Path file, long size, long to) throws Exception {
    assertThat(Files.size(file)).isEqualTo(size);
    try (var ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(to);
    }
  }
}
