package io.drover.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability under crashes: a coord process is killed with SIGKILL while clients write; after restart every
 * acknowledged write is there, and each write is all-or-nothing (a multi of two creates never half-applies).
 */
class CoordCrashIT {
  private static final int WRITERS = 4;

  @TempDir Path tmp;

  @Test
  void acknowledgedWritesSurviveKillMinusNine() throws Exception {
    Path data = tmp.resolve("coord");
    Set<Integer> acked = ConcurrentHashMap.newKeySet();
    AtomicInteger nextId = new AtomicInteger();
    for (int round = 0; round < 3; round++) {
      int port = CoordProcess.freePort();
      try (CoordProcess coord = CoordProcess.start(data, port)) {
        try (ZooKeeper zk = connect(coord.connectString())) {
          verify(zk, acked, nextId.get());
          if (round == 0) zk.create("/crash", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        }
        int ackedBefore = acked.size();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(WRITERS);
        for (int w = 0; w < WRITERS; w++) {
          Thread.ofPlatform().daemon().start(() -> writeUntilKilled(coord.connectString(), acked, nextId, stop, done));
        }
        Awaitility.await("writes acknowledged before the crash").atMost(Duration.ofSeconds(60))
            .until(() -> acked.size() >= ackedBefore + 300);
        coord.kill();
        stop.set(true);
        done.await();
      }
    }
    try (CoordProcess coord = CoordProcess.start(data, CoordProcess.freePort());
         ZooKeeper zk = connect(coord.connectString())) {
      verify(zk, acked, nextId.get());
      assertThat(acked).hasSizeGreaterThanOrEqualTo(900);
    }
  }

  /** Every acknowledged id has both its nodes; no id has only one of them. */
  private static void verify(ZooKeeper zk, Set<Integer> acked, int attempted) throws Exception {
    if (zk.exists("/crash", false) == null) {
      assertThat(acked).isEmpty();
      return;
    }
    Set<String> children = Set.copyOf(zk.getChildren("/crash", false));
    for (int id : acked) {
      assertThat(children).as("acknowledged write %d survived", id).contains("a-" + id, "b-" + id);
      assertThat(new String(zk.getData("/crash/a-" + id, false, null), StandardCharsets.UTF_8)).isEqualTo("value-" + id);
    }
    for (int id = 0; id < attempted; id++) {
      assertThat(children.contains("a-" + id)).as("multi %d is all or nothing", id).isEqualTo(children.contains("b-" + id));
    }
  }

  private static void writeUntilKilled(String connect, Set<Integer> acked, AtomicInteger nextId, AtomicBoolean stop,
                                       CountDownLatch done) {
    try (ZooKeeper zk = connect(connect)) {
      while (!stop.get()) {
        int id = nextId.getAndIncrement();
        byte[] value = ("value-" + id).getBytes(StandardCharsets.UTF_8);
        zk.multi(List.of(
            Op.create("/crash/a-" + id, value, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
            Op.create("/crash/b-" + id, value, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT)));
        acked.add(id);
      }
    } catch (KeeperException e) {
      // The server died under us: this write's outcome is unknown, which is exactly what verify allows.
    } catch (Exception e) {
      if (!stop.get()) throw new IllegalStateException(e);
    } finally {
      done.countDown();
    }
  }

  static ZooKeeper connect(String connect) throws Exception {
    CountDownLatch connected = new CountDownLatch(1);
    ZooKeeper zk = new ZooKeeper(connect, 10_000, e -> {
      if (e.getState() == org.apache.zookeeper.Watcher.Event.KeeperState.SyncConnected) connected.countDown();
    });
    Awaitility.await("connected to " + connect).atMost(Duration.ofSeconds(20)).until(() -> connected.getCount() == 0);
    return zk;
  }

  @Test
  void truncatedOrCorruptLogTailKeepsTheValidPrefix() throws Exception {
    Path data = tmp.resolve("coord-tail");
    int written = 200;
    try (CoordProcess coord = CoordProcess.start(data, CoordProcess.freePort());
         ZooKeeper zk = connect(coord.connectString())) {
      zk.create("/tail", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      for (int i = 0; i < written; i++) {
        zk.create("/tail/n-" + i, ("v" + i).getBytes(StandardCharsets.UTF_8), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      }
      coord.kill();
    }
    Path log = newestLogFile(data);
    long validEnd = endOfRecords(log);
    // A torn last record: cut 7 bytes off the end of the real data, then scribble garbage after it.
    try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "rw")) {
      f.seek(validEnd - 7);
      f.write(new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef, 1, 2, 3, 4, 5, 6, 7, 8, 9});
    }
    try (CoordProcess coord = CoordProcess.start(data, CoordProcess.freePort());
         ZooKeeper zk = connect(coord.connectString())) {
      List<String> children = zk.getChildren("/tail", false);
      // The last create was torn: everything before it is there, and nothing after it was invented.
      assertThat(children).hasSize(written - 1);
      for (String c : children) {
        int i = Integer.parseInt(c.substring(2));
        assertThat(new String(zk.getData("/tail/" + c, false, null), StandardCharsets.UTF_8)).isEqualTo("v" + i);
      }
      assertThat(children).doesNotContain("n-" + (written - 1));
      // The server goes on writing after the cut.
      zk.create("/tail/after", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      assertThat(zk.exists("/tail/after", false)).isNotNull();
    }
  }

  private static Path newestLogFile(Path data) throws IOException {
    try (Stream<Path> files = Files.list(data.resolve("log"))) {
      return files.filter(p -> p.getFileName().toString().startsWith("log."))
          .max(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString().substring(4), 16)))
          .orElseThrow();
    }
  }

  /** The offset just past the last non-zero byte: the end of the records before the preallocated zero tail. */
  private static long endOfRecords(Path log) throws IOException {
    byte[] bytes = Files.readAllBytes(log);
    int end = bytes.length;
    while (end > 0 && bytes[end - 1] == 0) end--;
    assertThat(end).as("log %s has records", log).isGreaterThan(64);
    return end;
  }
}
