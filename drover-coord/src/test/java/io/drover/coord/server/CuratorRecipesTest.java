package io.drover.coord.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.curator.framework.recipes.queue.DistributedQueue;
import org.apache.curator.framework.recipes.queue.QueueBuilder;
import org.apache.curator.framework.recipes.queue.QueueConsumer;
import org.apache.curator.framework.recipes.queue.QueueSerializer;
import org.apache.curator.framework.recipes.shared.SharedCount;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.CreateMode;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Curator 5.9 recipes against coord: they use create2, containers, addWatch and the EnsembleTracker's config read. */
class CuratorRecipesTest {
  @TempDir static Path tmp;
  static CoordTestServer server;

  @BeforeAll static void start() throws Exception {
    server = CoordTestServer.start(tmp.resolve("data"), b -> b.containerCheckIntervalMs(200));
  }

  @AfterAll static void stop() throws Exception { server.close(); }

  private static CuratorFramework curator() throws InterruptedException {
    CuratorFramework c = CuratorFrameworkFactory.builder().connectString(server.connectString())
        .sessionTimeoutMs(10_000).connectionTimeoutMs(10_000).retryPolicy(new ExponentialBackoffRetry(100, 3)).build();
    c.start();
    assertThat(c.blockUntilConnected(20, TimeUnit.SECONDS)).isTrue();
    return c;
  }

  @Test
  void leaderLatchElectsExactlyOneAndFailsOver() throws Exception {
    List<CuratorFramework> clients = new ArrayList<>();
    List<LeaderLatch> latches = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        CuratorFramework c = curator();
        clients.add(c);
        LeaderLatch latch = new LeaderLatch(c, "/latch", "p" + i);
        latch.start();
        latches.add(latch);
      }
      Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> latches.stream().filter(LeaderLatch::hasLeadership).count() == 1);
      LeaderLatch leader = latches.stream().filter(LeaderLatch::hasLeadership).findFirst().orElseThrow();
      leader.close();
      latches.remove(leader);
      Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> latches.stream().filter(LeaderLatch::hasLeadership).count() == 1);
    } finally {
      for (LeaderLatch l : latches) l.close();
      clients.forEach(CuratorFramework::close);
    }
  }

  @Test
  void interProcessMutexExcludes() throws Exception {
    try (CuratorFramework a = curator(); CuratorFramework b = curator()) {
      InterProcessMutex lockA = new InterProcessMutex(a, "/locks/m");
      InterProcessMutex lockB = new InterProcessMutex(b, "/locks/m");
      assertThat(lockA.acquire(10, TimeUnit.SECONDS)).isTrue();
      assertThat(lockB.acquire(300, TimeUnit.MILLISECONDS)).isFalse();
      lockA.release();
      assertThat(lockB.acquire(10, TimeUnit.SECONDS)).isTrue();
      lockB.release();
      // The lock's parent is a container: the server collects it once it is empty.
      Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> a.checkExists().forPath("/locks/m") == null);
    }
  }

  @Test
  void ttlNodesAreCollectedOnceTheirTimeIsUpAndTheyHaveNoChildren() throws Exception {
    try (CuratorFramework c = curator()) {
      c.create().withTtl(300).withMode(CreateMode.PERSISTENT_WITH_TTL).forPath("/ttl-leaf");
      c.create().withTtl(300).withMode(CreateMode.PERSISTENT_WITH_TTL).forPath("/ttl-parent");
      c.create().forPath("/ttl-parent/child");
      Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> c.checkExists().forPath("/ttl-leaf") == null);
      // A TTL node with children stays until they are gone.
      assertThat(c.checkExists().forPath("/ttl-parent")).isNotNull();
      c.delete().forPath("/ttl-parent/child");
      Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> c.checkExists().forPath("/ttl-parent") == null);
    }
  }

  @Test
  void curatorCacheSeesChanges() throws Exception {
    try (CuratorFramework c = curator(); CuratorFramework writer = curator()) {
      List<String> events = new CopyOnWriteArrayList<>();
      writer.create().creatingParentsIfNeeded().forPath("/cache/a", "1".getBytes());
      try (CuratorCache cache = CuratorCache.build(c, "/cache")) {
        cache.listenable().addListener(CuratorCacheListener.builder()
            .forCreates(n -> events.add("create " + n.getPath()))
            .forChanges((o, n) -> events.add("change " + n.getPath() + " " + new String(n.getData(), StandardCharsets.UTF_8)))
            .forDeletes(n -> events.add("delete " + n.getPath())).build());
        cache.start();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("create /cache/a"));
        writer.setData().forPath("/cache/a", "2".getBytes());
        writer.create().forPath("/cache/b");
        // The cache reads a node when told it was created; deleting it first could legitimately skip both events.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("create /cache/b"));
        writer.delete().forPath("/cache/b");
        Awaitility.await().atMost(Duration.ofSeconds(10))
            .until(() -> events.containsAll(List.of("change /cache/a 2", "create /cache/b", "delete /cache/b")));
        assertThat(cache.get("/cache/a").orElseThrow().getData()).isEqualTo("2".getBytes());
      }
    }
  }

  @Test
  void sharedCountCompareAndSet() throws Exception {
    try (CuratorFramework a = curator(); CuratorFramework b = curator();
         SharedCount countA = new SharedCount(a, "/count", 0); SharedCount countB = new SharedCount(b, "/count", 0)) {
      countA.start();
      countB.start();
      assertThat(countA.trySetCount(countA.getVersionedValue(), 5)).isTrue();
      // b's view is stale until its watch fires; a CAS with the stale version must fail.
      var stale = countB.getVersionedValue();
      if (stale.getValue() == 0) assertThat(countB.trySetCount(stale, 7)).isFalse();
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> countB.getCount() == 5);
      assertThat(countB.trySetCount(countB.getVersionedValue(), 6)).isTrue();
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> countA.getCount() == 6);
    }
  }

  @Test
  void persistentNodeIsRecreatedAfterSessionLoss() throws Exception {
    try (CuratorFramework c = curator(); CuratorFramework observer = curator()) {
      try (PersistentNode node = new PersistentNode(c, CreateMode.EPHEMERAL, false, "/pn/member", "me".getBytes())) {
        node.start();
        assertThat(node.waitForInitialCreate(10, TimeUnit.SECONDS)).isTrue();
        observer.delete().forPath("/pn/member");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> observer.checkExists().forPath("/pn/member") != null);
      }
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> observer.checkExists().forPath("/pn/member") == null);
    }
  }

  @Test
  void distributedQueueDeliversEveryItem() throws Exception {
    try (CuratorFramework c = curator()) {
      List<String> consumed = new CopyOnWriteArrayList<>();
      QueueConsumer<String> consumer = new QueueConsumer<>() {
        @Override public void consumeMessage(String message) { consumed.add(message); }

        @Override public void stateChanged(org.apache.curator.framework.CuratorFramework client, ConnectionState state) {}
      };
      QueueSerializer<String> serializer = new QueueSerializer<>() {
        @Override public byte[] serialize(String item) { return item.getBytes(StandardCharsets.UTF_8); }

        @Override public String deserialize(byte[] bytes) { return new String(bytes, StandardCharsets.UTF_8); }
      };
      try (DistributedQueue<String> queue = QueueBuilder.builder(c, consumer, serializer, "/queue").buildQueue()) {
        queue.start();
        AtomicInteger n = new AtomicInteger();
        for (int i = 0; i < 20; i++) queue.put("item-" + n.getAndIncrement());
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> consumed.size() == 20);
        assertThat(consumed).containsExactlyInAnyOrderElementsOf(
            java.util.stream.IntStream.range(0, 20).mapToObj(i -> "item-" + i).toList());
      }
    }
  }
}
