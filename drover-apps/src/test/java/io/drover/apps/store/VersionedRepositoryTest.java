package io.drover.apps.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.master.TestServers;
import io.drover.master.ha.ZkClients;
import io.drover.master.ha.ZkUrl;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.retry.RetryNTimes;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The repository against a real embedded coord and a real Apache ZooKeeper. */
final class VersionedRepositoryTest {
  private static final String ZK_PATH = "/drover/apps";
  private static final String FENCE = "/drover/apps/leader-curator/fence";

  @TempDir Path dir;
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private CuratorFramework client;
  private String stateRoot;

  @AfterEach void tearDown() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) closeables.get(i).close();
  }

  private void start(TestServers servers) throws Exception {
    TestServers.Running server = servers.start(dir);
    closeables.add(server);
    client = newClient(server.connectString());
    client.create().creatingParentsIfNeeded().forPath(FENCE);
    stateRoot = VersionedRepository.stateRoot(ZK_PATH);
  }

  private CuratorFramework newClient(String connectString) throws InterruptedException {
    CuratorFramework c = ZkClients.newClient(ZkUrl.parse("zk://" + connectString + ZK_PATH), Duration.ofSeconds(10));
    c.start();
    closeables.add(c);
    assertThat(c.blockUntilConnected(10, TimeUnit.SECONDS)).isTrue();
    return c;
  }

  private VersionedRepository<byte[]> repo(Category category, StoreLimits limits) {
    return new VersionedRepository<>(new ZkValueStore(client, Fence.node(FENCE), limits), stateRoot, category,
        ValueCodec.bytes());
  }

  private static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

  private static byte[] randomBytes(int n, long seed) {
    byte[] b = new byte[n];
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < n; i++) b[i] = (byte) r.nextInt(256);
    return b;
  }

  @ParameterizedTest @EnumSource(TestServers.class)
  void roundTripsListsAndDeletesInMarathonsLayout(TestServers servers) throws Exception {
    start(servers);
    VersionedRepository<byte[]> instances = repo(Category.INSTANCE, StoreLimits.DEFAULTS);
    VersionedRepository<byte[]> deployments = repo(Category.DEPLOYMENT, StoreLimits.DEFAULTS);
    List<String> ids = List.of("/web/nginx.instance-1", "/db.instance-2", ".hidden", "a b/c%d", "x");
    for (String id : ids) instances.put(id, utf8("value of " + id));
    deployments.put("d1", utf8("plan"));

    for (String id : ids) assertThat(instances.get(id)).hasValueSatisfying(v -> assertThat(v).isEqualTo(utf8("value of " + id)));
    assertThat(instances.ids()).containsExactlyElementsOf(ids.stream().sorted().toList());
    assertThat(deployments.ids()).containsExactly("d1");
    assertThat(instances.get("missing")).isEmpty();

    // Layout: <zk>/state/<category>/<hex bucket>/<url-encoded id>.
    String id = "/db.instance-2";
    String bucket = Integer.toHexString(Math.abs(id.hashCode() % 16));
    String node = stateRoot + "/instance/" + bucket + "/%2Fdb.instance-2";
    assertThat(instances.nodePath(id)).isEqualTo(node);
    byte[] raw = client.getData().forPath(node);
    assertThat(raw[0]).isEqualTo(ValueFormat.RAW);
    assertThat(Arrays.copyOfRange(raw, 1, raw.length)).isEqualTo(utf8("value of " + id));
    assertThat(instances.nodePath(".hidden")).endsWith("/%2Ehidden");

    instances.put(id, utf8("overwritten"));
    assertThat(instances.get(id)).hasValueSatisfying(v -> assertThat(v).isEqualTo(utf8("overwritten")));
    instances.delete(id);
    instances.delete("never-existed");
    assertThat(instances.get(id)).isEmpty();
    assertThat(client.checkExists().forPath(node)).isNull();
    assertThat(instances.ids()).doesNotContain(id).hasSize(ids.size() - 1);
  }

  @ParameterizedTest @EnumSource(TestServers.class)
  void compressesOnlyAboveTheThreshold(TestServers servers) throws Exception {
    start(servers);
    VersionedRepository<byte[]> repo = repo(Category.DEPLOYMENT, StoreLimits.DEFAULTS);
    byte[] atThreshold = new byte[64 * 1024];
    Arrays.fill(atThreshold, (byte) 'a');
    byte[] above = new byte[64 * 1024 + 1];
    Arrays.fill(above, (byte) 'a');
    repo.put("at", atThreshold);
    repo.put("above", above);

    byte[] rawAt = client.getData().forPath(repo.nodePath("at"));
    byte[] rawAbove = client.getData().forPath(repo.nodePath("above"));
    assertThat(rawAt[0]).isEqualTo(ValueFormat.RAW);
    assertThat(rawAt).hasSize(atThreshold.length + 1);
    assertThat(rawAbove[0]).isEqualTo(ValueFormat.GZIP);
    assertThat(rawAbove.length).isLessThan(1024);
    assertThat(repo.get("at")).hasValueSatisfying(v -> assertThat(v).isEqualTo(atThreshold));
    assertThat(repo.get("above")).hasValueSatisfying(v -> assertThat(v).isEqualTo(above));

    VersionedRepository<byte[]> off = repo(Category.INSTANCE, StoreLimits.DEFAULTS.withCompression(false, 0));
    off.put("plain", above);
    assertThat(client.getData().forPath(off.nodePath("plain"))[0]).isEqualTo(ValueFormat.RAW);
  }

  @ParameterizedTest @EnumSource(TestServers.class)
  void splitsAThreeMibValueIntoChunksAndReassemblesIt(TestServers servers) throws Exception {
    start(servers);
    VersionedRepository<byte[]> repo = repo(Category.APPS, StoreLimits.DEFAULTS);
    byte[] big = randomBytes(3 * StoreLimits.MIB, 42); // incompressible: gzip cannot bring it under 1 MiB
    repo.put("/big", "2024-01-01T00:00:00.000Z", big);

    assertThat(repo.get("/big")).hasValueSatisfying(v -> assertThat(v).isEqualTo(big));
    assertThat(repo.get("/big", "2024-01-01T00:00:00.000Z")).hasValueSatisfying(v -> assertThat(v).isEqualTo(big));
    String node = repo.nodePath("/big");
    assertThat(client.getData().forPath(node)[0]).isIn(ValueFormat.CHUNKED, ValueFormat.CHUNKED_GZIP);
    assertThat(chunksOf(node)).hasSize(4); // ceil(3 MiB / (1 MiB - 64 KiB))
    assertThat(repo.versions("/big")).containsExactly("2024-01-01T00:00:00.000Z"); // chunks are not versions

    // Overwriting with another split value swaps generations: only the new chunks remain.
    byte[] big2 = randomBytes(2 * StoreLimits.MIB + 5, 43);
    repo.put("/big", big2);
    assertThat(repo.get("/big")).hasValueSatisfying(v -> assertThat(v).isEqualTo(big2));
    assertThat(chunksOf(node)).hasSize(3);

    // Overwriting with a small value removes the old chunks in the same transaction.
    repo.put("/big", utf8("small"));
    assertThat(repo.get("/big")).hasValueSatisfying(v -> assertThat(v).isEqualTo(utf8("small")));
    assertThat(chunksOf(node)).isEmpty();

    repo.delete("/big");
    assertThat(client.checkExists().forPath(node)).isNull();
    assertThat(chunksOf(node)).isEmpty();
    assertThat(repo.ids()).isEmpty();
  }

  /** Why split values are written in two phases: one transaction cannot carry them (jute.maxbuffer bounds it). */
  @ParameterizedTest @EnumSource(TestServers.class)
  void oneTransactionCannotCarryThreeMib(TestServers servers) throws Exception {
    start(servers);
    CuratorFramework once = CuratorFrameworkFactory.newClient(client.getZookeeperClient().getCurrentConnectionString(),
        new RetryNTimes(0, 0));
    once.start();
    closeables.add(once);
    assertThat(once.blockUntilConnected(10, TimeUnit.SECONDS)).isTrue();
    List<CuratorOp> ops = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ops.add(once.transactionOp().create().forPath("/too-big-" + i, randomBytes(StoreLimits.MIB - 64 * 1024, i)));
    }
    assertThatThrownBy(() -> once.transaction().forOperations(ops)).isInstanceOf(Exception.class);
    assertThat(client.checkExists().forPath("/too-big-0")).isNull();
  }

  @ParameterizedTest @EnumSource(TestServers.class)
  void aCorruptOrPartialValueIsAnErrorNamingTheNode(TestServers servers) throws Exception {
    start(servers);
    VersionedRepository<byte[]> repo = repo(Category.INSTANCE, StoreLimits.DEFAULTS);
    String garbage = repo.nodePath("garbage");
    client.create().creatingParentsIfNeeded().forPath(garbage, utf8("{not a header"));
    assertThatThrownBy(() -> repo.get("garbage")).isInstanceOf(StoreException.class).hasMessageContaining(garbage);

    String badGzip = repo.nodePath("bad-gzip");
    client.create().creatingParentsIfNeeded().forPath(badGzip, new byte[] {ValueFormat.GZIP, 1, 2, 3});
    assertThatThrownBy(() -> repo.get("bad-gzip")).isInstanceOf(StoreException.class).hasMessageContaining(badGzip);

    repo.put("split", randomBytes(2 * StoreLimits.MIB, 7));
    String split = repo.nodePath("split");
    List<String> chunks = chunksOf(split);
    client.delete().forPath(chunks.get(1));
    assertThatThrownBy(() -> repo.get("split")).isInstanceOf(StoreException.class)
        .hasMessageContaining("partial value at " + split);
  }

  @ParameterizedTest @EnumSource(TestServers.class)
  void keepsAtMostMaxVersionsPruningTheOldest(TestServers servers) throws Exception {
    start(servers);
    VersionedRepository<byte[]> repo = repo(Category.GROUP, StoreLimits.DEFAULTS.withMaxVersions(3));
    List<String> versions = List.of("2024-01-01T00:00:09.000Z", "2024-01-01T00:00:10.000Z", "2024-01-01T00:00:10.500Z",
        "2024-01-02T00:00:00Z", "2024-01-03T00:00:00.001Z");
    for (String v : versions) repo.put(Category.ROOT_GROUP_ID, v, utf8("root@" + v));

    assertThat(repo.versions("root")).containsExactlyElementsOf(versions.subList(2, 5));
    assertThat(repo.get("root", versions.get(0))).isEmpty();
    assertThat(repo.get("root", versions.get(4))).hasValueSatisfying(v -> assertThat(v).isEqualTo(utf8("root@" + versions.get(4))));
    assertThat(repo.get("root")).hasValueSatisfying(v -> assertThat(v).isEqualTo(utf8("root@" + versions.get(4))));
    repo.deleteVersion("root", versions.get(3));
    assertThat(repo.versions("root")).containsExactly(versions.get(2), versions.get(4));
    assertThat(repo.get("root")).isPresent();
  }

  @ParameterizedTest @EnumSource(TestServers.class)
  void putAllStoresManyNewAndExistingIdsAndPrunesEach(TestServers servers) throws Exception {
    start(servers);
    VersionedRepository<byte[]> repo = repo(Category.APPS, StoreLimits.DEFAULTS.withMaxVersions(2));
    repo.put("/old", "2024-01-01T00:00:01.000Z", utf8("old@1"));
    repo.put("/old", "2024-01-01T00:00:02.000Z", utf8("old@2"));
    List<VersionedRepository.Versioned<byte[]>> batch = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      batch.add(new VersionedRepository.Versioned<>("/g/app-" + i, "2024-01-02T00:00:00.000Z", utf8("app " + i)));
    }
    batch.add(new VersionedRepository.Versioned<>("/old", "2024-01-01T00:00:03.000Z", utf8("old@3")));
    batch.add(new VersionedRepository.Versioned<>("/big", "2024-01-02T00:00:00.000Z", randomBytes(700_000, 5)));

    repo.putAll(batch);

    assertThat(repo.ids()).hasSize(302).contains("/g/app-0", "/g/app-299", "/old", "/big");
    for (int i : new int[] {0, 150, 299}) {
      assertThat(repo.get("/g/app-" + i)).hasValueSatisfying(v -> assertThat(v).isEqualTo(utf8("app " + i)));
      assertThat(repo.versions("/g/app-" + i)).containsExactly("2024-01-02T00:00:00.000Z");
    }
    assertThat(repo.versions("/old")).containsExactly("2024-01-01T00:00:02.000Z", "2024-01-01T00:00:03.000Z");
    assertThat(repo.get("/old")).hasValueSatisfying(v -> assertThat(v).isEqualTo(utf8("old@3")));
    assertThat(repo.get("/big", "2024-01-02T00:00:00.000Z"))
        .hasValueSatisfying(v -> assertThat(v).isEqualTo(randomBytes(700_000, 5)));
  }

  @ParameterizedTest @EnumSource(TestServers.class)
  void defaultLimitKeepsFiftyVersions(TestServers servers) throws Exception {
    start(servers);
    VersionedRepository<byte[]> repo = repo(Category.APPS, StoreLimits.DEFAULTS);
    for (int i = 0; i < 53; i++) repo.putVersion("/app", String.format("2024-01-01T00:00:%02d.000Z", i), utf8("v" + i));
    List<String> kept = repo.versions("/app");
    assertThat(kept).hasSize(50).first().isEqualTo("2024-01-01T00:00:03.000Z");
    assertThat(repo.get("/app")).isEmpty(); // putVersion does not touch the current value
    assertThat(repo.ids()).containsExactly("/app");
  }

  @ParameterizedTest @EnumSource(TestServers.class)
  void fencingRejectsANonLeader(TestServers servers) throws Exception {
    start(servers);
    VersionedRepository<byte[]> leader = repo(Category.FRAMEWORK_ID, StoreLimits.DEFAULTS);
    leader.put("id", utf8("fw-1"));

    // An instance that knows it does not lead refuses locally.
    VersionedRepository<byte[]> standby = new VersionedRepository<>(
        new ZkValueStore(client, Optional::empty, StoreLimits.DEFAULTS), stateRoot, Category.FRAMEWORK_ID,
        ValueCodec.bytes());
    assertThatThrownBy(() -> standby.put("id", utf8("fw-2"))).isInstanceOf(StoreFencedException.class);

    // A deposed leader whose latch node is gone (its session ended) is refused by ZooKeeper: nothing is written,
    // neither a small value, nor a split one, nor a delete.
    CuratorFramework other = newClient(client.getZookeeperClient().getCurrentConnectionString());
    String latchNode = other.create().withMode(CreateMode.EPHEMERAL_SEQUENTIAL)
        .forPath(ZK_PATH + "/leader-curator/latch-");
    VersionedRepository<byte[]> deposed = new VersionedRepository<>(
        new ZkValueStore(client, Fence.node(latchNode), StoreLimits.DEFAULTS), stateRoot, Category.FRAMEWORK_ID,
        ValueCodec.bytes());
    deposed.put("id", utf8("fw-3"));
    assertThat(leader.get("id")).hasValueSatisfying(v -> assertThat(v).isEqualTo(utf8("fw-3")));
    other.close();
    assertThatThrownBy(() -> deposed.put("id", utf8("fw-4"))).isInstanceOf(StoreFencedException.class)
        .hasMessageContaining(latchNode);
    assertThatThrownBy(() -> deposed.put("big", randomBytes(2 * StoreLimits.MIB, 3)))
        .isInstanceOf(StoreFencedException.class);
    assertThatThrownBy(() -> deposed.delete("id")).isInstanceOf(StoreFencedException.class);
    assertThat(leader.get("id")).hasValueSatisfying(v -> assertThat(v).isEqualTo(utf8("fw-3")));
    assertThat(leader.get("big")).isEmpty();
  }

  private List<String> chunksOf(String node) throws Exception {
    String parent = ZkValueStore.parentOf(node);
    List<String> out = new ArrayList<>();
    for (String c : client.getChildren().forPath(parent)) {
      if (c.startsWith(ZkValueStore.CHUNK_PREFIX + ZkValueStore.nameOf(node) + "~")) out.add(parent + "/" + c);
    }
    out.sort(null);
    return out;
  }

  /** The one-round-trip writes trust what this store wrote; a change behind its back sends it the careful way. */
  @ParameterizedTest @EnumSource(TestServers.class)
  void fastWritesRecoverFromChangesBehindTheStoresBack(TestServers servers) throws Exception {
    start(servers);
    StoreLimits small = new StoreLimits(4096, 512, false, 1 << 20, 1 << 20, 50);
    VersionedRepository<byte[]> mine = repo(Category.INSTANCE, small);
    VersionedRepository<byte[]> other = repo(Category.INSTANCE, small); // another store on the same fence
    mine.put("i1", utf8("one"));
    mine.put("i1", utf8("two"));
    assertThat(mine.get("i1")).hasValueSatisfying(v -> assertThat(v).isEqualTo(utf8("two")));

    client.delete().forPath(mine.nodePath("i1")); // gone behind its back: setData fails, the careful path creates
    mine.put("i1", utf8("three"));
    assertThat(other.get("i1")).hasValueSatisfying(v -> assertThat(v).isEqualTo(utf8("three")));

    byte[] big = randomBytes(20_000, 7); // chunked by the other store, then overwritten inline by this one
    other.put("i1", big);
    assertThat(mine.get("i1")).hasValueSatisfying(v -> assertThat(v).isEqualTo(big));
    mine.put("i1", utf8("small again"));
    assertThat(other.get("i1")).hasValueSatisfying(v -> assertThat(v).isEqualTo(utf8("small again")));
    // Two writers on one fence break the store's premise (one leader writes): the other's chunks are orphans now,
    // and deleting the value collects them.
    String parent = mine.nodePath("i1").substring(0, mine.nodePath("i1").lastIndexOf('/'));
    mine.delete("i1");
    assertThat(client.getChildren().forPath(parent)).as("no chunk left").noneMatch(c -> c.startsWith(".c~"));
    assertThat(other.get("i1")).isEmpty();

    other.put("i2", utf8("made by the other store")); // exists already: the fast create fails, the overwrite works
    mine.put("i2", utf8("mine now"));
    assertThat(other.get("i2")).hasValueSatisfying(v -> assertThat(v).isEqualTo(utf8("mine now")));
  }

  /** A batch lands as a whole, in order, whatever mix of fast and careful changes it holds. */
  @ParameterizedTest @EnumSource(TestServers.class)
  void batchesApplyInOrderAcrossFastAndCarefulChanges(TestServers servers) throws Exception {
    start(servers);
    StoreLimits small = new StoreLimits(4096, 512, false, 1 << 20, 1 << 20, 50);
    ZkValueStore store = new ZkValueStore(client, Fence.node(FENCE), small);
    VersionedRepository<byte[]> repo = new VersionedRepository<>(store, stateRoot, Category.INSTANCE,
        ValueCodec.bytes());
    VersionedRepository<byte[]> reader = repo(Category.INSTANCE, small);
    List<ZkValueStore.Change> first = new ArrayList<>();
    for (int i = 0; i < 1_200; i++) first.add(repo.putChange("i" + i, utf8("v" + i))); // > one multi's ops
    store.apply(first);
    assertThat(reader.ids()).hasSize(1_200);
    assertThat(reader.get("i1199")).hasValueSatisfying(v -> assertThat(v).isEqualTo(utf8("v1199")));

    byte[] big = randomBytes(10_000, 3);
    store.apply(List.of(repo.putChange("i1", utf8("again")), repo.deleteChange("i2"), repo.putChange("i2", utf8("back")),
        repo.putChange("i3", big), repo.deleteChange("i4"), repo.putChange("i3", utf8("small")),
        repo.deleteChange("never-written"), repo.putChange("fresh", utf8("new"))));
    assertThat(reader.get("i1")).hasValueSatisfying(v -> assertThat(v).isEqualTo(utf8("again")));
    assertThat(reader.get("i2")).hasValueSatisfying(v -> assertThat(v).isEqualTo(utf8("back")));
    assertThat(reader.get("i3")).hasValueSatisfying(v -> assertThat(v).isEqualTo(utf8("small")));
    assertThat(reader.get("i4")).isEmpty();
    assertThat(reader.get("fresh")).hasValueSatisfying(v -> assertThat(v).isEqualTo(utf8("new")));
    assertThat(reader.ids()).hasSize(1_200); // i4 gone, fresh added

    client.delete().forPath(repo.nodePath("i5")); // behind its back: the multi fails, it is redone one by one
    store.apply(List.of(repo.putChange("i5", utf8("five")), repo.putChange("i6", utf8("six"))));
    assertThat(reader.get("i5")).hasValueSatisfying(v -> assertThat(v).isEqualTo(utf8("five")));
    assertThat(reader.get("i6")).hasValueSatisfying(v -> assertThat(v).isEqualTo(utf8("six")));

    assertThatThrownBy(() -> repo(Category.APPS, small).putChange("x", utf8("y")))
        .isInstanceOf(IllegalStateException.class);
  }
}
