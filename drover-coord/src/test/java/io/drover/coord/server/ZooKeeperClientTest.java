package io.drover.coord.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.data.Stat;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real ZooKeeper Java client against coord: every operation family, sessions, watches, ACLs, durability. */
class ZooKeeperClientTest {
  @TempDir static Path tmp;
  static CoordTestServer server;

  @BeforeAll static void start() throws Exception { server = CoordTestServer.start(tmp.resolve("data")); }

  @AfterAll static void stop() throws Exception { server.close(); }

  private static final List<ACL> OPEN = ZooDefs.Ids.OPEN_ACL_UNSAFE;

  @Test
  void freshServerHasTheZooKeeperNodes() throws Exception {
    try (ZooKeeper zk = server.client()) {
      assertThat(zk.getChildren("/", false)).contains("zookeeper");
      assertThat(zk.getChildren("/zookeeper", false)).contains("quota", "config");
    }
  }

  @Test
  void createGetSetDeleteWithStats() throws Exception {
    try (ZooKeeper zk = server.client()) {
      Stat created = new Stat();
      String path = zk.create("/crud", "v1".getBytes(), OPEN, CreateMode.PERSISTENT, created);
      assertThat(path).isEqualTo("/crud");
      assertThat(created.getCzxid()).isEqualTo(created.getMzxid()).isEqualTo(created.getPzxid()).isPositive();
      assertThat(created.getVersion()).isZero();
      assertThat(created.getDataLength()).isEqualTo(2);

      Stat read = new Stat();
      assertThat(zk.getData("/crud", false, read)).isEqualTo("v1".getBytes());
      assertThat(read).isEqualTo(created);

      Stat set = zk.setData("/crud", "v22".getBytes(), 0);
      assertThat(set.getVersion()).isEqualTo(1);
      assertThat(set.getMzxid()).isGreaterThan(created.getMzxid());
      assertThat(set.getCzxid()).isEqualTo(created.getCzxid());
      assertThatThrownBy(() -> zk.setData("/crud", "x".getBytes(), 0)).isInstanceOf(KeeperException.BadVersionException.class);

      zk.create("/crud/child", null, OPEN, CreateMode.PERSISTENT);
      assertThatThrownBy(() -> zk.delete("/crud", -1)).isInstanceOf(KeeperException.NotEmptyException.class);
      Stat parent = zk.exists("/crud", false);
      assertThat(parent.getNumChildren()).isEqualTo(1);
      assertThat(parent.getCversion()).isEqualTo(1);
      zk.delete("/crud/child", -1);
      zk.delete("/crud", 1);
      assertThat(zk.exists("/crud", false)).isNull();
      assertThatThrownBy(() -> zk.getData("/crud", false, null)).isInstanceOf(KeeperException.NoNodeException.class);
      assertThatThrownBy(() -> zk.create("/no/parent", null, OPEN, CreateMode.PERSISTENT))
          .isInstanceOf(KeeperException.NoNodeException.class);
    }
  }

  @Test
  void sequentialEphemeralContainerAndTtlNodes() throws Exception {
    try (ZooKeeper zk = server.client()) {
      zk.create("/seq", null, OPEN, CreateMode.PERSISTENT);
      String a = zk.create("/seq/n-", null, OPEN, CreateMode.PERSISTENT_SEQUENTIAL);
      String b = zk.create("/seq/n-", null, OPEN, CreateMode.EPHEMERAL_SEQUENTIAL);
      assertThat(a).isEqualTo("/seq/n-0000000000");
      assertThat(b).isEqualTo("/seq/n-0000000001");
      assertThat(zk.exists(b, false).getEphemeralOwner()).isEqualTo(zk.getSessionId());
      assertThatThrownBy(() -> zk.create(b + "/child", null, OPEN, CreateMode.PERSISTENT))
          .isInstanceOf(KeeperException.NoChildrenForEphemeralsException.class);

      Stat container = new Stat();
      zk.create("/container", null, OPEN, CreateMode.CONTAINER, container);
      // ZooKeeper keeps the container and TTL encodings in the persisted stat but shows clients 0.
      assertThat(container.getEphemeralOwner()).isZero();

      Stat ttl = new Stat();
      zk.create("/ttl", null, OPEN, CreateMode.PERSISTENT_WITH_TTL, ttl, 60_000);
      assertThat(ttl.getEphemeralOwner()).isZero();
      assertThat(zk.getEphemerals("/seq")).containsExactly(b);
      assertThat(zk.getAllChildrenNumber("/seq")).isEqualTo(2);
    }
  }

  @Test
  void ephemeralsGoWithTheirSessionAndWatchersHear() throws Exception {
    BlockingQueue<WatchedEvent> events = new LinkedBlockingQueue<>();
    try (ZooKeeper watcher = server.client()) {
      ZooKeeper owner = server.client();
      owner.create("/eph", null, OPEN, CreateMode.EPHEMERAL);
      assertThat(watcher.exists("/eph", events::add)).isNotNull();
      owner.close();
      WatchedEvent e = events.poll(10, TimeUnit.SECONDS);
      assertThat(e).isNotNull();
      assertThat(e.getType()).isEqualTo(Watcher.Event.EventType.NodeDeleted);
      assertThat(e.getPath()).isEqualTo("/eph");
      assertThat(watcher.exists("/eph", false)).isNull();
    }
  }

  @Test
  void oneShotAndPersistentWatches() throws Exception {
    BlockingQueue<WatchedEvent> data = new LinkedBlockingQueue<>();
    BlockingQueue<WatchedEvent> children = new LinkedBlockingQueue<>();
    BlockingQueue<WatchedEvent> recursive = new LinkedBlockingQueue<>();
    try (ZooKeeper zk = server.client(); ZooKeeper other = server.client()) {
      zk.create("/w", null, OPEN, CreateMode.PERSISTENT);
      zk.getData("/w", data::add, null);
      zk.getChildren("/w", children::add);
      zk.addWatch("/w", recursive::add, AddWatchMode.PERSISTENT_RECURSIVE);

      other.setData("/w", "x".getBytes(), -1);
      other.create("/w/c", null, OPEN, CreateMode.PERSISTENT);
      other.setData("/w/c", "y".getBytes(), -1);
      other.setData("/w", "z".getBytes(), -1);

      assertThat(data.poll(10, TimeUnit.SECONDS).getType()).isEqualTo(Watcher.Event.EventType.NodeDataChanged);
      assertThat(children.poll(10, TimeUnit.SECONDS).getType()).isEqualTo(Watcher.Event.EventType.NodeChildrenChanged);
      List<String> seen = new CopyOnWriteArrayList<>();
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
        WatchedEvent e;
        while ((e = recursive.poll()) != null) seen.add(e.getType() + " " + e.getPath());
        return seen.size() >= 4;
      });
      assertThat(seen).containsExactly("NodeDataChanged /w", "NodeCreated /w/c", "NodeDataChanged /w/c", "NodeDataChanged /w");
      // One-shot watches fired once only.
      assertThat(data).isEmpty();
      assertThat(children).isEmpty();
    }
  }

  @Test
  void watchNotificationArrivesBeforeTheReplyToTheWriteThatFiredIt() throws Exception {
    List<String> order = new CopyOnWriteArrayList<>();
    try (ZooKeeper zk = server.client()) {
      zk.create("/order", null, OPEN, CreateMode.PERSISTENT);
      zk.getData("/order", e -> order.add("event"), null);
      // Watch events and async callbacks share the client's event thread, in the order the server sent them.
      zk.setData("/order", "x".getBytes(), -1, (rc, path, ctx, stat) -> order.add("reply"), null);
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> order.size() == 2);
      assertThat(order).containsExactly("event", "reply");
    }
  }

  @Test
  void multiIsAllOrNothing() throws Exception {
    try (ZooKeeper zk = server.client()) {
      List<OpResult> ok = zk.multi(List.of(
          Op.create("/m", null, OPEN, CreateMode.PERSISTENT),
          Op.create("/m/a", "a".getBytes(), OPEN, CreateMode.PERSISTENT),
          Op.setData("/m/a", "b".getBytes(), 0),
          Op.check("/m", 0)));
      assertThat(ok).hasSize(4);
      assertThat(((OpResult.SetDataResult) ok.get(2)).getStat().getVersion()).isEqualTo(1);

      assertThatThrownBy(() -> zk.multi(List.of(
          Op.create("/m/b", null, OPEN, CreateMode.PERSISTENT),
          Op.delete("/m/missing", -1))))
          .isInstanceOfSatisfying(KeeperException.class, e -> {
            assertThat(e.code()).isEqualTo(KeeperException.Code.NONODE);
            assertThat(e.getResults()).extracting(r -> ((OpResult.ErrorResult) r).getErr())
                .containsExactly(0, KeeperException.Code.NONODE.intValue());
          });
      assertThat(zk.exists("/m/b", false)).isNull();
    }
  }

  @Test
  void aclsAreChecked() throws Exception {
    try (ZooKeeper owner = server.client(); ZooKeeper stranger = server.client()) {
      owner.addAuthInfo("digest", "alice:secret".getBytes());
      owner.create("/private", "s".getBytes(), ZooDefs.Ids.CREATOR_ALL_ACL, CreateMode.PERSISTENT);
      assertThat(owner.getData("/private", false, null)).isEqualTo("s".getBytes());
      assertThatThrownBy(() -> stranger.getData("/private", false, null)).isInstanceOf(KeeperException.NoAuthException.class);
      List<ACL> acl = owner.getACL("/private", new Stat());
      assertThat(acl).containsExactly(new ACL(ZooDefs.Perms.ALL,
          new Id("digest", DigestAuthenticationProvider.generateDigest("alice:secret"))));
      stranger.addAuthInfo("digest", "alice:secret".getBytes());
      assertThat(stranger.getData("/private", false, null)).isEqualTo("s".getBytes());

      owner.create("/local", null, new java.util.ArrayList<>(List.of(new ACL(ZooDefs.Perms.ALL, new Id("ip", "127.0.0.0/8")))), CreateMode.PERSISTENT);
      assertThat(stranger.exists("/local", false)).isNotNull();
      assertThatThrownBy(() -> owner.create("/bad", null, new java.util.ArrayList<>(), CreateMode.PERSISTENT))
          .isInstanceOf(KeeperException.InvalidACLException.class);
      assertThat(owner.whoAmI()).extracting(ci -> ci.getAuthScheme()).contains("digest", "ip");
    }
  }

  @Test
  void watchersThatMayNotReadAZnodeAreNotToldAboutIt() throws Exception {
    BlockingQueue<WatchedEvent> events = new LinkedBlockingQueue<>();
    try (ZooKeeper owner = server.client(); ZooKeeper stranger = server.client()) {
      owner.addAuthInfo("digest", "bob:pw".getBytes());
      owner.create("/acl-w", null, OPEN, CreateMode.PERSISTENT);
      stranger.addWatch("/acl-w", events::add, AddWatchMode.PERSISTENT_RECURSIVE);
      owner.create("/acl-w/secret", null, ZooDefs.Ids.CREATOR_ALL_ACL, CreateMode.PERSISTENT);
      owner.create("/acl-w/public", null, OPEN, CreateMode.PERSISTENT);
      // Notifications arrive in order, so once /public's is here, /secret's would have come before it.
      WatchedEvent first = events.poll(10, TimeUnit.SECONDS);
      assertThat(first).isNotNull();
      assertThat(first.getPath()).isEqualTo("/acl-w/public");
    }
  }

  @Test
  void writesSurviveARestartAndSessionsResume() throws Exception {
    BlockingQueue<WatchedEvent> events = new LinkedBlockingQueue<>();
    try (ZooKeeper zk = server.client(); ZooKeeper other = server.client()) {
      zk.create("/durable", "d".getBytes(), OPEN, CreateMode.PERSISTENT);
      zk.create("/durable-eph", null, OPEN, CreateMode.EPHEMERAL);
      zk.create("/durable-watched", null, OPEN, CreateMode.PERSISTENT);
      zk.getData("/durable-watched", e -> {
        if (e.getType() != Watcher.Event.EventType.None) events.add(e); // the client also reports the disconnect
      }, null);
      server.restart();
      // The client re-registers its watch with setWatches on reconnect; a change after the restart fires it.
      Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
          .until(() -> other.setData("/durable-watched", "x".getBytes(), -1) != null);
      WatchedEvent fired = events.poll(20, TimeUnit.SECONDS);
      assertThat(fired).isNotNull();
      assertThat(fired.getType()).isEqualTo(Watcher.Event.EventType.NodeDataChanged);
      // The client reconnects with its session id and password and keeps its session and ephemeral.
      Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
          .until(() -> zk.exists("/durable-eph", false) != null);
      assertThat(zk.getData("/durable", false, null)).isEqualTo("d".getBytes());
      assertThat(zk.exists("/durable-eph", false).getEphemeralOwner()).isEqualTo(zk.getSessionId());
    }
  }

  @Test
  void unknownSessionIsToldItExpired() throws Exception {
    BlockingQueue<WatchedEvent> states = new LinkedBlockingQueue<>();
    ZooKeeper zk = new ZooKeeper(server.connectString(), 10_000, states::add, 0x7777L, new byte[16]);
    try {
      Awaitility.await().atMost(Duration.ofSeconds(20))
          .until(() -> states.stream().anyMatch(e -> e.getState() == Watcher.Event.KeeperState.Expired));
    } finally {
      zk.close();
    }
  }

  @Test
  void fourLetterWordsAnswerInZooKeepersShapes() throws Exception {
    assertThat(fourLetter("ruok")).isEqualTo("imok");
    assertThat(FourLetter.ask(server.port(), "srvr", true)).contains("Mode: standalone"); // echo srvr | nc -N
    assertThat(fourLetter("isro")).isEqualTo("rw");
    assertThat(fourLetter("srvr")).startsWith("Zookeeper version: 3.9").contains("\nMode: standalone\n", "\nNode count: ");
    assertThat(fourLetter("mntr")).contains("zk_server_state\tstandalone\n", "zk_znode_count\t");
    assertThat(fourLetter("envi")).startsWith("Environment:\nzookeeper.version=3.9");
    assertThat(fourLetter("wchs")).contains("Total watches:");
  }

  static String fourLetter(String word) throws Exception { return FourLetter.ask(server.port(), word); }
}
