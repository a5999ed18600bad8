package io.drover.coord.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a data directory ({@code root/lock}), held for as long as a server uses it: two servers
 * appending to one txn log would interleave records and corrupt it. The OS drops the lock when the process dies,
 * so a crash never leaves a stale lock behind. The file holds the owner's pid, for the error message.
 */
public final class DataDirLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** @throws IOException if another process (or this one) already holds the directory, naming its pid */
  public static DataDirLock acquire(Path root) throws IOException {
    Files.createDirectories(root);
    Path file = root.resolve("lock");
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      String owner = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
      channel.close();
      throw new IOException("data directory " + root.toAbsolutePath() + " is in use by another coord server"
          + (owner.isEmpty() ? "" : " (pid " + owner + ")") + "; stop it or choose another --data-dir");
    }
    channel.truncate(0);
    channel.write(java.nio.ByteBuffer.wrap(String.valueOf(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
    channel.force(true);
    return new DataDirLock(channel, lock);
  }

  @Override public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
