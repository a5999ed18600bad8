package io.drover.agent.status.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.agent.status.CheckpointRecord;
import io.drover.agent.status.CheckpointStore;
import io.drover.agent.status.StatusUpdate;
import io.drover.agent.status.StreamKey;
import io.drover.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link CheckpointStore} on the local disk, one append-only file per task stream:
 * {@code <workDir>/meta/frameworks/<frameworkId>/tasks/<taskId>/task.updates} (ids are percent-encoded where they
 * hold anything but {@code [A-Za-z0-9_.-]}, so an id can never name another directory).
 *
 * <p>File format: a sequence of records {@code [int32 length][int32 crc32(json)][json]}, big-endian, where the JSON is
 * a {@link Entry} (camelCase, {@link Json#camelCase()}). Every append is fsynced before it returns, and the directory
 * entries are fsynced when a file is created. The CRC catches a tail the file system extended with zeros in a crash.
 *
 * <p>Recovery reads each file in order. A malformed record at the end (short header, short body, or a bad length or
 * CRC that reaches the end of the file) is a write torn by a crash: it is dropped and the file is truncated to the last
 * whole record, so later appends follow valid data. A malformed record followed by more data is corruption and throws.
 *
 * <p>Thread-safe for distinct streams; the manager calls it from one thread anyway.
 */
public final class FileCheckpointStore implements CheckpointStore {
  private static final Logger log = LoggerFactory.getLogger(FileCheckpointStore.class);
  static final String FILE_NAME = "task.updates";
  /** No status update comes near this; a larger length is corruption. */
  static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;
  private static final int HEADER_BYTES = 8;

  private final Path frameworksDir;
  private final ObjectMapper json = Json.camelCase();

  /** One stored record: exactly one of the two fields is set. */
  record Entry(StatusUpdate update, UUID ack) {}

  public FileCheckpointStore(Path workDir) { this.frameworksDir = workDir.resolve("meta").resolve("frameworks"); }

  /** Where the stream of {@code key} lives. */
  public Path fileOf(StreamKey key) {
    return frameworksDir.resolve(FileNames.encode(key.frameworkId())).resolve("tasks").resolve(FileNames.encode(key.taskId()))
        .resolve(FILE_NAME);
  }

  @Override public void append(StreamKey key, CheckpointRecord record) {
    Entry entry = switch (record) {
      case CheckpointRecord.Update u -> new Entry(u.update(), null);
      case CheckpointRecord.Ack a -> new Entry(null, a.uuid());
    };
    Path file = fileOf(key);
    try {
      byte[] body = json.writeValueAsBytes(entry);
      if (body.length > MAX_RECORD_BYTES) {
        throw new IllegalArgumentException("status update record of " + body.length + " bytes exceeds "
            + MAX_RECORD_BYTES + " bytes; shrink its data");
      }
      boolean created = !Files.exists(file);
      if (created) createDirectories(file.getParent());
      ByteBuffer buf = ByteBuffer.allocate(HEADER_BYTES + body.length);
      buf.putInt(body.length).putInt(crc(body)).put(body).flip();
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND)) {
        while (buf.hasRemaining()) ch.write(buf);
        ch.force(true);
      }
      if (created) fsyncDirectory(file.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot checkpoint status update stream " + key + " to " + file, e);
    }
  }

  @Override public void remove(StreamKey key) {
    Path taskDir = fileOf(key).getParent();
    try {
      if (!Files.exists(taskDir)) return;
      try (Stream<Path> walk = Files.walk(taskDir)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
      }
      fsyncDirectory(taskDir.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove status update stream " + key + " at " + taskDir, e);
    }
  }

  @Override public Map<StreamKey, List<CheckpointRecord>> recover() {
    Map<StreamKey, List<CheckpointRecord>> out = new LinkedHashMap<>();
    if (!Files.isDirectory(frameworksDir)) return out;
    try {
      for (Path fwDir : sortedChildren(frameworksDir)) {
        Path tasksDir = fwDir.resolve("tasks");
        if (!Files.isDirectory(tasksDir)) continue;
        for (Path taskDir : sortedChildren(tasksDir)) {
          Path file = taskDir.resolve(FILE_NAME);
          if (!Files.isRegularFile(file)) continue;
          StreamKey key = new StreamKey(FileNames.decode(fwDir.getFileName().toString()), FileNames.decode(taskDir.getFileName().toString()));
          out.put(key, read(file, key));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot recover status update streams under " + frameworksDir + ": " + e.getMessage(), e);
    }
    return out;
  }

  private List<CheckpointRecord> read(Path file, StreamKey key) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    List<CheckpointRecord> records = new ArrayList<>();
    int pos = 0;
    while (pos < bytes.length) {
      int remaining = bytes.length - pos;
      String torn = null;
      if (remaining < HEADER_BYTES) {
        torn = "short header";
      } else {
        ByteBuffer header = ByteBuffer.wrap(bytes, pos, HEADER_BYTES);
        int length = header.getInt();
        int crc = header.getInt();
        if (length <= 0 || length > MAX_RECORD_BYTES) {
          // A zero-filled tail reads as length 0; any other bad length is damage we cannot step over.
          if (allZero(bytes, pos)) torn = "zero-filled tail";
          else throw corrupt(file, pos, "invalid record length " + length);
        } else if (remaining < HEADER_BYTES + length) {
          torn = "short body";
        } else if (crc(bytes, pos + HEADER_BYTES, length) != crc) {
          if (pos + HEADER_BYTES + length == bytes.length) torn = "CRC mismatch in last record";
          else throw corrupt(file, pos, "CRC mismatch");
        } else {
          Entry e = json.readValue(bytes, pos + HEADER_BYTES, length, Entry.class);
          records.add(toRecord(e, file, pos, key));
          pos += HEADER_BYTES + length;
          continue;
        }
      }
      log.warn("Dropping a torn record ({}) at offset {} of {}; truncating to the last whole record", torn, pos, file);
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
        ch.truncate(pos);
        ch.force(true);
      }
      break;
    }
    return records;
  }

  private static CheckpointRecord toRecord(Entry e, Path file, int pos, StreamKey key) throws IOException {
    if ((e.update() == null) == (e.ack() == null)) throw corrupt(file, pos, "record is neither one update nor one ack");
    if (e.update() != null) {
      if (!StreamKey.of(e.update()).equals(key)) throw corrupt(file, pos, "update of another task: " + e.update());
      return new CheckpointRecord.Update(e.update());
    }
    return new CheckpointRecord.Ack(e.ack());
  }

  private static IOException corrupt(Path file, int pos, String what) {
    return new IOException("corrupt status update checkpoint " + file + " at offset " + pos + ": " + what
        + "; move the file aside to start the task's stream empty");
  }

  private static boolean allZero(byte[] bytes, int from) {
    for (int i = from; i < bytes.length; i++) if (bytes[i] != 0) return false;
    return true;
  }

  private static int crc(byte[] b) { return crc(b, 0, b.length); }

  private static int crc(byte[] b, int off, int len) {
    CRC32 c = new CRC32();
    c.update(b, off, len);
    return (int) c.getValue();
  }

  private void createDirectories(Path dir) throws IOException {
    // fsync each directory whose entry we add, so the new file is reachable after a crash.
    List<Path> missing = new ArrayList<>();
    for (Path p = dir; p != null && !Files.exists(p); p = p.getParent()) missing.add(p);
    Files.createDirectories(dir);
    for (Path p : missing) if (p.getParent() != null) fsyncDirectory(p.getParent());
  }

  private static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  private static List<Path> sortedChildren(Path dir) throws IOException {
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, Files::isDirectory)) {
      ds.forEach(children::add);
    }
    children.sort(Comparator.naturalOrder());
    return children;
  }
}
