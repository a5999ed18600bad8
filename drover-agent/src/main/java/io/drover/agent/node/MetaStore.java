package io.drover.agent.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.agent.recovery.ContainerRecord;
import io.drover.agent.recovery.TaskCheckpoint;
import io.drover.agent.status.store.FileNames;
import io.drover.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's recovery checkpoints under {@code <work_dir>/meta} (Mesos' layout idea; ids percent-encoded where they
 * hold anything but {@code [A-Za-z0-9_.-]}):
 * <pre>
 * meta/slaves/latest                                               the agent id (text)
 * meta/slaves/&lt;agentId&gt;/frameworks/&lt;fid&gt;/framework.info                FrameworkInfo JSON (checkpointing only)
 * meta/slaves/&lt;agentId&gt;/frameworks/&lt;fid&gt;/tasks/&lt;taskId&gt;/task.info    {@link TaskCheckpoint} JSON
 * meta/containers/&lt;containerId&gt;/container.info                      {@link ContainerRecord} JSON (every container)
 * meta/frameworks/&lt;fid&gt;/tasks/&lt;taskId&gt;/task.updates                   status updates (FileCheckpointStore)
 * </pre>
 * Every write goes to a temporary file that is fsynced, renamed over the target, and the directory fsynced: a
 * file is either the old or the new version after a crash. Failures are unchecked ({@link UncheckedIOException}).
 */
final class MetaStore {
  private static final Logger LOG = LoggerFactory.getLogger(MetaStore.class);
  private final Path meta;
  private final ObjectMapper json = Json.camelCase();

  MetaStore(Path workDir) {
    this.meta = workDir.resolve("meta");
  }

  Optional<String> latestAgentId() {
    Path f = meta.resolve("slaves").resolve("latest");
    try {
      return Files.exists(f) ? Optional.of(Files.readString(f).strip()).filter(s -> !s.isEmpty()) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the checkpointed agent id " + f, e);
    }
  }

  void writeAgentId(String agentId) {
    write(meta.resolve("slaves").resolve("latest"), agentId.getBytes(StandardCharsets.UTF_8));
  }

  private Path frameworkDir(String agentId, String frameworkId) {
    return meta.resolve("slaves").resolve(FileNames.encode(agentId)).resolve("frameworks").resolve(FileNames.encode(frameworkId));
  }

  void writeFramework(String agentId, String frameworkId, JsonNode info) {
    write(frameworkDir(agentId, frameworkId).resolve("framework.info"), bytes(info));
  }

  /** Framework id to FrameworkInfo JSON, of every checkpointed framework of {@code agentId}. */
  Map<String, JsonNode> frameworks(String agentId) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (Path dir : children(meta.resolve("slaves").resolve(FileNames.encode(agentId)).resolve("frameworks"))) {
      Path f = dir.resolve("framework.info");
      if (Files.isRegularFile(f)) {
        out.put(FileNames.decode(dir.getFileName().toString()), read(f, JsonNode.class));
      }
    }
    return out;
  }

  void removeFramework(String agentId, String frameworkId) {
    deleteTree(frameworkDir(agentId, frameworkId));
  }

  private Path taskFile(String agentId, String frameworkId, String taskId) {
    return frameworkDir(agentId, frameworkId).resolve("tasks").resolve(FileNames.encode(taskId)).resolve("task.info");
  }

  void writeTask(String agentId, TaskCheckpoint task) {
    write(taskFile(agentId, task.frameworkId(), task.taskId()), bytes(task));
  }

  List<TaskCheckpoint> tasks(String agentId) {
    List<TaskCheckpoint> out = new ArrayList<>();
    for (Path fw : children(meta.resolve("slaves").resolve(FileNames.encode(agentId)).resolve("frameworks"))) {
      for (Path t : children(fw.resolve("tasks"))) {
        Path f = t.resolve("task.info");
        if (Files.isRegularFile(f)) {
          out.add(read(f, TaskCheckpoint.class));
        }
      }
    }
    return out;
  }

  void removeTask(String agentId, String frameworkId, String taskId) {
    deleteTree(taskFile(agentId, frameworkId, taskId).getParent());
  }

  private Path containerFile(String containerId) {
    return meta.resolve("containers").resolve(FileNames.encode(containerId)).resolve("container.info");
  }

  void writeContainer(ContainerRecord record) {
    write(containerFile(record.containerId()), bytes(record));
  }

  Map<String, ContainerRecord> containers() {
    Map<String, ContainerRecord> out = new LinkedHashMap<>();
    for (Path dir : children(meta.resolve("containers"))) {
      Path f = dir.resolve("container.info");
      if (Files.isRegularFile(f)) {
        ContainerRecord r = read(f, ContainerRecord.class);
        out.put(r.containerId(), r);
      }
    }
    return out;
  }

  void removeContainer(String containerId) {
    deleteTree(containerFile(containerId).getParent());
  }

  private byte[] bytes(Object value) {
    try {
      return json.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private <T> T read(Path f, Class<T> type) {
    try {
      return json.readValue(f.toFile(), type);
    } catch (IOException e) {
      throw new UncheckedIOException("corrupt agent checkpoint " + f + ": " + e.getMessage()
          + "; move it aside to recover without it", e);
    }
  }

  private static void write(Path target, byte[] content) {
    try {
      Path dir = target.getParent();
      List<Path> missing = new ArrayList<>();
      for (Path p = dir; p != null && !Files.exists(p); p = p.getParent()) {
        missing.add(p);
      }
      Files.createDirectories(dir);
      for (Path p : missing) {
        if (p.getParent() != null) {
          fsyncDir(p.getParent());
        }
      }
      Path tmp = dir.resolve(target.getFileName() + ".tmp");
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      fsyncDir(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot checkpoint " + target, e);
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
      fsyncDir(dir.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove checkpoint " + dir, e);
    }
  }

  private static void fsyncDir(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  private static List<Path> children(Path dir) {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, Files::isDirectory)) {
      ds.forEach(out::add);
    } catch (IOException e) {
      LOG.error("cannot list {}", dir, e);
      throw new UncheckedIOException("cannot list agent checkpoints in " + dir, e);
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }
}
