package io.drover.agent.status;

import io.drover.common.mesos.TaskState;
import io.drover.common.mesos.TaskStatusReason;
import io.drover.common.mesos.TaskStatusSource;
import io.drover.common.random.Rng;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One status update of a task, as the agent checkpoints and forwards it: the fields of {@code mesos.v1.TaskStatus}
 * plus the framework it belongs to. Immutable; {@code data} is copied in and out.
 *
 * <p>{@code uuid} identifies the update for acknowledgement; on the wire it is the proto's 16 {@code bytes}
 * ({@link #uuidBytes()}), here a {@link UUID} so that equality and JSON are plain. It comes from an injected
 * {@link Rng} ({@link #newUuid(Rng)}), never from {@code UUID.randomUUID()}.
 *
 * @param healthy {@code null} when the task has no health check result to report (the proto's field is unset)
 * @param timestampMs wall-clock milliseconds when the update was created (the proto carries seconds as a double)
 */
public record StatusUpdate(
    String taskId,
    String frameworkId,
    String agentId,
    Optional<String> executorId,
    TaskState state,
    TaskStatusSource source,
    Optional<TaskStatusReason> reason,
    Optional<String> message,
    Boolean healthy,
    UUID uuid,
    long timestampMs,
    Optional<byte[]> data,
    Optional<ContainerStatus> containerStatus) {

  public StatusUpdate {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(frameworkId, "frameworkId");
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(uuid, "uuid");
    executorId = executorId == null ? Optional.empty() : executorId;
    reason = reason == null ? Optional.empty() : reason;
    message = message == null ? Optional.empty() : message;
    data = data == null ? Optional.empty() : data.map(byte[]::clone);
    containerStatus = containerStatus == null ? Optional.empty() : containerStatus;
  }

  /** A minimal update; add the optional fields with the {@code with*} methods. */
  public static StatusUpdate create(String frameworkId, String taskId, String agentId, TaskState state, TaskStatusSource source,
      UUID uuid, long timestampMs) {
    return new StatusUpdate(taskId, frameworkId, agentId, Optional.empty(), state, source, Optional.empty(),
        Optional.empty(), null, uuid, timestampMs, Optional.empty(), Optional.empty());
  }

  /** A random (version 4, RFC 4122) UUID drawn from {@code rng}. */
  public static UUID newUuid(Rng rng) {
    long msb = (rng.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (rng.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }

  /** The uuid as the proto's 16 bytes, most significant first. */
  public byte[] uuidBytes() {
    return ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits())
        .array();
  }

  /** The inverse of {@link #uuidBytes()}; throws unless {@code bytes} has exactly 16 bytes. */
  public static UUID uuidOf(byte[] bytes) {
    if (bytes.length != 16) throw new IllegalArgumentException("a status update uuid has 16 bytes, got " + bytes.length);
    ByteBuffer b = ByteBuffer.wrap(bytes);
    return new UUID(b.getLong(), b.getLong());
  }

  @Override public Optional<byte[]> data() { return data.map(byte[]::clone); }

  public StatusUpdate withExecutorId(String id) {
    return new StatusUpdate(taskId, frameworkId, agentId, Optional.of(id), state, source, reason, message, healthy,
        uuid, timestampMs, data, containerStatus);
  }

  public StatusUpdate withReason(TaskStatusReason r) {
    return new StatusUpdate(taskId, frameworkId, agentId, executorId, state, source, Optional.of(r), message, healthy,
        uuid, timestampMs, data, containerStatus);
  }

  public StatusUpdate withMessage(String m) {
    return new StatusUpdate(taskId, frameworkId, agentId, executorId, state, source, reason, Optional.of(m), healthy,
        uuid, timestampMs, data, containerStatus);
  }

  /** {@code h == null} clears the field. */
  public StatusUpdate withHealthy(Boolean h) {
    return new StatusUpdate(taskId, frameworkId, agentId, executorId, state, source, reason, message, h, uuid,
        timestampMs, data, containerStatus);
  }

  public StatusUpdate withData(byte[] d) {
    return new StatusUpdate(taskId, frameworkId, agentId, executorId, state, source, reason, message, healthy, uuid,
        timestampMs, Optional.of(d), containerStatus);
  }

  public StatusUpdate withContainerStatus(ContainerStatus c) {
    return new StatusUpdate(taskId, frameworkId, agentId, executorId, state, source, reason, message, healthy, uuid,
        timestampMs, data, Optional.of(c));
  }

  // equals/hashCode/toString by content: the record defaults compare the byte[] inside `data` by identity.

  @Override public boolean equals(Object o) {
    return o instanceof StatusUpdate u
        && taskId.equals(u.taskId) && frameworkId.equals(u.frameworkId) && agentId.equals(u.agentId)
        && executorId.equals(u.executorId) && state == u.state && source == u.source && reason.equals(u.reason)
        && message.equals(u.message) && Objects.equals(healthy, u.healthy) && uuid.equals(u.uuid)
        && timestampMs == u.timestampMs && containerStatus.equals(u.containerStatus)
        && data.isPresent() == u.data.isPresent()
        && (data.isEmpty() || Arrays.equals(data.get(), u.data.get()));
  }

  @Override public int hashCode() {
    return Objects.hash(taskId, frameworkId, agentId, executorId, state, source, reason, message, healthy, uuid,
        timestampMs, containerStatus, data.map(Arrays::hashCode).orElse(0));
  }

  @Override public String toString() {
    return "StatusUpdate[" + state + " task=" + taskId + " framework=" + frameworkId + " agent=" + agentId
        + executorId.map(e -> " executor=" + e).orElse("") + " source=" + source
        + reason.map(r -> " reason=" + r).orElse("") + message.map(m -> " message='" + m + "'").orElse("")
        + (healthy == null ? "" : " healthy=" + healthy) + " uuid=" + uuid + " ts=" + timestampMs
        + data.map(d -> " data=" + d.length + "B").orElse("") + containerStatus.map(c -> " " + c).orElse("") + "]";
  }
}
