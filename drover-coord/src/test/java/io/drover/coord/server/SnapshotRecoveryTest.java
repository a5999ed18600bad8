package io.drover.coord.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.apache.zookeeper.AsyncCallback;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots are taken in the background while writes keep coming (fuzzy), old ones are purged to the
 * retention count, and a restart from snapshot + log rebuilds exactly the acknowledged state.
 */
class SnapshotRecoveryTest {
  @TempDir Path tmp;

  @Test
  void fuzzySnapshotsPurgeAndRecovery() throws Exception {
    Path data = tmp.resolve("data");
    int nodes = 3000;
    try (CoordTestServer server = CoordTestServer.start(data, b -> b.snapCount(200).snapRetainCount(3))) {
      try (ZooKeeper zk = server.client()) {
        zk.create("/s", null, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        // Pipelined async writes, so snapshots run while txns are still being applied.
        List<CompletableFuture<Integer>> acks = new java.util.ArrayList<>();
        for (int i = 0; i < nodes; i++) {
          CompletableFuture<Integer> ack = new CompletableFuture<>();
          AsyncCallback.StringCallback cb = (rc, path, ctx, name) -> ack.complete(rc);
          zk.create("/s/n" + i, ("v" + i).getBytes(), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, cb, null);
          acks.add(ack);
        }
        for (var ack : acks) assertThat(ack.get()).isEqualTo(KeeperException.Code.OK.intValue());
        for (int i = 0; i < nodes; i += 2) zk.setData("/s/n" + i, ("w" + i).getBytes(), 0);
      }
      Awaitility.await("old snapshots purged").atMost(Duration.ofSeconds(20))
          .until(() -> count(data.resolve("snap"), "snapshot.") == 3);
      server.restart();
      try (ZooKeeper zk = server.client()) {
        assertThat(zk.getChildren("/s", false)).hasSize(nodes);
        for (int i = 0; i < nodes; i++) {
          assertThat(new String(zk.getData("/s/n" + i, false, null))).isEqualTo((i % 2 == 0 ? "w" : "v") + i);
        }
      }
    }
    assertThat(count(data.resolve("snap"), "snapshot.")).isLessThanOrEqualTo(3);
  }

  private static long count(Path dir, String prefix) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().startsWith(prefix)).count();
    }
  }
}
