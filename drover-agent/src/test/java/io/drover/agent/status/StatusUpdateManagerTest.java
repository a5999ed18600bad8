package io.drover.agent.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.agent.status.store.FileCheckpointStore;
import io.drover.common.mesos.TaskState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusUpdateManagerTest {
  private final Updates updates = new Updates(11);
  @TempDir Path workDir;

  /** Records what reached the store, in order. */
  static final class RecordingStore implements CheckpointStore {
    final Map<StreamKey, List<CheckpointRecord>> streams = new LinkedHashMap<>();
    final List<StreamKey> removed = new ArrayList<>();

    @Override public void append(StreamKey key, CheckpointRecord record) {
      streams.computeIfAbsent(key, k -> new ArrayList<>()).add(record);
    }

    @Override public void remove(StreamKey key) {
      streams.remove(key);
      removed.add(key);
    }

    @Override public Map<StreamKey, List<CheckpointRecord>> recover() { return streams; }
  }

  @Test
  void updatesAndAcksAreCheckpointedBeforeTheyTakeEffectAndDuplicatesAreNot() {
    RecordingStore store = new RecordingStore();
    StatusUpdateManager manager = new StatusUpdateManager(store);
    StatusUpdate running = updates.of("t1", TaskState.TASK_RUNNING);
    manager.update(running, 0);
    assertThat(manager.update(running, 1)).isEqualTo(new AddResult.Duplicate(running.uuid()));
    manager.acknowledge("fw-1", "t1", updates.of("t1", TaskState.TASK_RUNNING).uuid(), 2); // wrong uuid
    manager.acknowledge("fw-1", "t1", running.uuid(), 3);
    assertThat(store.streams.get(new StreamKey("fw-1", "t1")))
        .containsExactly(new CheckpointRecord.Update(running), new CheckpointRecord.Ack(running.uuid()));
  }

  @Test
  void streamsOfDifferentTasksAreIndependent() {
    StatusUpdateManager manager = new StatusUpdateManager(new RecordingStore());
    StatusUpdate a = updates.of("a", TaskState.TASK_RUNNING);
    StatusUpdate b1 = updates.of("b", TaskState.TASK_RUNNING);
    StatusUpdate b2 = updates.of("b", TaskState.TASK_FINISHED);
    StatusUpdate otherFramework = updates.of("fw-2", "a", TaskState.TASK_RUNNING);
    manager.update(a, 0);
    manager.update(b1, 0);
    manager.update(b2, 0);
    manager.update(otherFramework, 0);
    assertThat(manager.due(0)).extracting(Outgoing::update).containsExactly(a, b1, otherFramework);
    assertThat(manager.latestState("fw-1", "b")).hasValue(TaskState.TASK_FINISHED);
    assertThat(manager.nextDueMs()).hasValue(10_000);
  }

  @Test
  void aTerminatedStreamIsCleanedUpInMemoryAndOnDisk() {
    FileCheckpointStore store = new FileCheckpointStore(workDir);
    StatusUpdateManager manager = new StatusUpdateManager(store);
    StatusUpdate running = updates.of("t1", TaskState.TASK_RUNNING);
    StatusUpdate finished = updates.of("t1", TaskState.TASK_FINISHED);
    manager.update(running, 0);
    manager.update(finished, 0);
    StreamKey key = new StreamKey("fw-1", "t1");
    assertThat(store.fileOf(key)).exists();
    manager.acknowledge("fw-1", "t1", running.uuid(), 1);
    AckResult last = manager.acknowledge("fw-1", "t1", finished.uuid(), 2);
    assertThat(last).isInstanceOfSatisfying(AckResult.Acknowledged.class, a -> assertThat(a.terminated()).isTrue());
    assertThat(manager.streamKeys()).isEmpty();
    assertThat(manager.nextDueMs()).isEmpty();
    assertThat(store.fileOf(key)).doesNotExist();
    assertThat(manager.acknowledge("fw-1", "t1", finished.uuid(), 3)).isEqualTo(new AckResult.UnknownStream(key));
    assertThat(StatusUpdateManager.recover(new FileCheckpointStore(workDir), 4).streamKeys()).isEmpty();
  }

  @Test
  void afterACrashTheRecoveredManagerResendsTheUnacknowledgedHead() {
    StatusUpdateManager before = new StatusUpdateManager(new FileCheckpointStore(workDir));
    StatusUpdate starting = updates.of("t1", TaskState.TASK_STARTING);
    StatusUpdate running = updates.of("t1", TaskState.TASK_RUNNING);
    StatusUpdate failed = updates.of("t1", TaskState.TASK_FAILED);
    StatusUpdate other = updates.of("t2", TaskState.TASK_RUNNING);
    before.update(starting, 0);
    before.update(running, 0);
    before.update(failed, 0);
    before.update(other, 0);
    before.due(0);
    before.acknowledge("fw-1", "t1", starting.uuid(), 500);
    before.acknowledge("fw-1", "t2", other.uuid(), 600);
    // "crash": the old manager is dropped; a new one is rebuilt from the files alone.

    StatusUpdateManager after = StatusUpdateManager.recover(new FileCheckpointStore(workDir), 50_000);
    assertThat(after.due(50_000)).containsExactly(new Outgoing(running, TaskState.TASK_FAILED, 1));
    assertThat(after.stream(new StreamKey("fw-1", "t1")).orElseThrow().pending()).containsExactly(running, failed);
    assertThat(after.stream(new StreamKey("fw-1", "t2")).orElseThrow().pending()).isEmpty();
    assertThat(after.nextDueMs()).hasValue(60_000);
    // The replayed stream still knows what was delivered.
    assertThat(after.acknowledge("fw-1", "t1", starting.uuid(), 50_001)).isEqualTo(new AckResult.Duplicate(starting.uuid()));
    assertThat(after.update(starting, 50_002)).isEqualTo(new AddResult.Duplicate(starting.uuid()));
  }

  @Test
  void recoveryDropsAStreamWhoseTerminalAckWasCheckpointedButNotYetRemoved() {
    RecordingStore store = new RecordingStore();
    StatusUpdate finished = updates.of("t1", TaskState.TASK_FINISHED);
    StreamKey key = StreamKey.of(finished);
    store.append(key, new CheckpointRecord.Update(finished));
    store.append(key, new CheckpointRecord.Ack(finished.uuid()));
    StatusUpdateManager manager = StatusUpdateManager.recover(store, 0);
    assertThat(manager.streamKeys()).isEmpty();
    assertThat(store.removed).containsExactly(key);
  }

  @Test
  void removingAFrameworkDropsItsStreams() throws Exception {
    FileCheckpointStore store = new FileCheckpointStore(workDir);
    StatusUpdateManager manager = new StatusUpdateManager(store);
    manager.update(updates.of("fw-1", "a", TaskState.TASK_RUNNING), 0);
    manager.update(updates.of("fw-1", "b", TaskState.TASK_RUNNING), 0);
    manager.update(updates.of("fw-2", "a", TaskState.TASK_RUNNING), 0);
    assertThat(manager.removeFramework("fw-1")).isEqualTo(2);
    assertThat(manager.streamKeys()).containsExactly(new StreamKey("fw-2", "a"));
    assertThat(Files.exists(store.fileOf(new StreamKey("fw-1", "a")))).isFalse();
    assertThat(StatusUpdateManager.recover(new FileCheckpointStore(workDir), 0).streamKeys())
        .containsExactly(new StreamKey("fw-2", "a"));
  }

  @Test
  void aFullStreamRefusesWithoutCheckpointing() {
    RecordingStore store = new RecordingStore();
    StatusUpdateManager manager = new StatusUpdateManager(store, 1);
    manager.update(updates.of("t1", TaskState.TASK_RUNNING), 0);
    assertThat(manager.update(updates.of("t1", TaskState.TASK_RUNNING), 0)).isEqualTo(new AddResult.StreamFull(1));
    assertThat(store.streams.get(new StreamKey("fw-1", "t1"))).hasSize(1);
  }
}
