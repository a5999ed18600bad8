package io.drover.master.registry;

import io.drover.master.Closeables;
import io.drover.master.TestServers;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.common.resources.ResourcesParser;
import io.drover.master.allocator.Quota;
import io.drover.master.cluster.AgentInfo;
import io.drover.master.cluster.AgentStatus;
import io.drover.master.cluster.Command;
import io.drover.master.cluster.Effect.RegistryChange;
import io.drover.master.ha.MasterContender;
import io.drover.master.api.v1.MasterInfo;
import io.drover.master.ha.MasterInfos;
import io.drover.master.ha.ZkClients;
import io.drover.master.ha.ZkUrl;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The registry store against a real coord and a real Apache ZooKeeper: same tests, both servers. */
class RegistryStoreTest {
  private static final String BASE = "/drover/mesos";
  private static final String FENCE = BASE + "/json.info_0000000000";
  private static final long DAY_MS = 24L * 60 * 60 * 1000;

  @TempDir Path dir;
  private final Closeables closeables = new Closeables();
  private TestServers.Running server;

  @AfterEach void cleanUp() throws Exception { closeables.close(); }

  private <T extends AutoCloseable> T track(T c) { return closeables.track(c); }

  private CuratorFramework start(TestServers kind) throws Exception {
    server = track(kind.start(dir));
    return client();
  }

  private CuratorFramework client() throws InterruptedException {
    CuratorFramework c = ZkClients.newClient(ZkUrl.parse("zk://" + server.connectString() + BASE),
        Duration.ofSeconds(4));
    track(c);
    c.start();
    assertThat(c.blockUntilConnected(10, SECONDS)).isTrue();
    return c;
  }

  /** A store fenced on an ephemeral stand-in for the leader's election znode. */
  private static RegistryStore fencedStore(CuratorFramework c) throws Exception {
    c.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(FENCE);
    return new RegistryStore(c, BASE, FENCE);
  }

  private static AgentInfo info(String host, String resources, String attributes) {
    return new AgentInfo(host, 5051, ResourcesParser.parseResources(resources),
        ResourcesParser.parseAttributes(attributes));
  }

  private static final AgentInfo RICH = info("agent-1.example",
      "cpus:4;mem:8192.5;cpus(web):2;ports(*):[31000-31005,31010-31020];ports(web/backend):[8080-8080];disk:{a,b}",
      "rack:r1;level:10;p:[1-5,7-9];s:{a,b}");
  private static final AgentInfo PLAIN = info("agent-2", "cpus:1;mem:512", "");

  @ParameterizedTest @EnumSource(TestServers.class)
  void agentsInEveryStatusRoundTrip(TestServers kind) throws Exception {
    RegistryStore store = fencedStore(start(kind));
    store.apply(new RegistryChange("S1", AgentStatus.REGISTERED, RICH, 100));
    store.apply(new RegistryChange("S2", AgentStatus.RECOVERED, PLAIN, 200));
    store.apply(new RegistryChange("S3", AgentStatus.REGISTERED, PLAIN, 250));
    store.apply(new RegistryChange("S3", AgentStatus.UNREACHABLE, RICH, 300)); // overwrite
    store.apply(new RegistryChange("S4", AgentStatus.GONE, PLAIN, 400));
    store.apply(new RegistryChange("S5", AgentStatus.UNREACHABLE, null, 500)); // never had info
    store.apply(new RegistryChange("S2", AgentStatus.GONE, null, 600)); // info kept from before
    store.apply(new RegistryChange("odd/id with space", AgentStatus.REGISTERED, PLAIN, 700));

    RegistrySnapshot s = store.load();

    assertThat(s.admitted()).containsExactly(
        new RegistryEntry("S1", AgentStatus.REGISTERED, Optional.of(RICH), 100),
        new RegistryEntry("odd/id with space", AgentStatus.REGISTERED, Optional.of(PLAIN), 700));
    assertThat(s.unreachable()).containsExactly(
        new RegistryEntry("S3", AgentStatus.UNREACHABLE, Optional.of(RICH), 300),
        new RegistryEntry("S5", AgentStatus.UNREACHABLE, Optional.empty(), 500));
    assertThat(s.gone()).containsExactly(
        new RegistryEntry("S2", AgentStatus.GONE, Optional.of(PLAIN), 600),
        new RegistryEntry("S4", AgentStatus.GONE, Optional.of(PLAIN), 400));
    assertThat(s.agent("S1").orElseThrow().info().orElseThrow().resources().ranges("ports"))
        .isEqualTo(RICH.resources().ranges("ports"));
    assertThat(s.toRecoverRegistry(999)).isEqualTo(new Command.RecoverRegistry(
        List.of("S1", "odd/id with space"), List.of("S3", "S5"), List.of("S2", "S4"), 999));
    assertThat(s.weights()).isEmpty();
    assertThat(s.quotas()).isEmpty();
  }

  @ParameterizedTest @EnumSource(TestServers.class)
  void recoveredStatusCountsAsAdmitted(TestServers kind) throws Exception {
    RegistryStore store = fencedStore(start(kind));
    store.apply(new RegistryChange("S9", AgentStatus.RECOVERED, PLAIN, 1));
    assertThat(store.load().admitted()).extracting(RegistryEntry::status).containsExactly(AgentStatus.RECOVERED);
  }

  @ParameterizedTest @EnumSource(TestServers.class)
  void weightsAndQuotaRoundTrip(TestServers kind) throws Exception {
    RegistryStore store = fencedStore(start(kind));
    store.setWeights(Map.of("web", 2.0, "batch", 0.5));
    Quota web = Quota.of(ResourcesParser.parseResources("cpus:2;mem:1024"),
        ResourcesParser.parseResources("cpus:4.5;mem:2048"));
    Quota backend = new Quota(Map.of("cpus", 1_500L), Map.of());
    Quota batch = new Quota(Map.of(), Map.of("gpus", 1_000L));
    store.setQuota("web", web);
    store.setQuota("eng/backend", backend);
    store.setQuota("batch", batch);

    RegistrySnapshot s = store.load();
    assertThat(s.weights()).isEqualTo(Map.of("web", 2.0, "batch", 0.5));
    assertThat(s.quotas()).isEqualTo(Map.of("web", web, "eng/backend", backend, "batch", batch));

    store.setWeights(Map.of("web", 3.0)); // replaces the whole map
    store.setQuota("web", Quota.NONE); // removes
    store.removeQuota("batch");
    store.removeQuota("never-had-one");
    s = store.load();
    assertThat(s.weights()).isEqualTo(Map.of("web", 3.0));
    assertThat(s.quotas()).isEqualTo(Map.of("eng/backend", backend));
    assertThatThrownBy(() -> store.setWeights(Map.of("web", 0.0))).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest @EnumSource(TestServers.class)
  void loadOnAnEmptyPathIsEmpty(TestServers kind) throws Exception {
    CuratorFramework c = start(kind);
    assertThat(new RegistryStore(c, "/nothing/here", FENCE).load()).isEqualTo(RegistrySnapshot.EMPTY);
    RegistryStore store = fencedStore(c);
    assertThat(store.load()).isEqualTo(RegistrySnapshot.EMPTY);
    assertThat(store.load().isEmpty()).isTrue();
    assertThat(store.load().toRecoverRegistry(5))
        .isEqualTo(new Command.RecoverRegistry(List.of(), List.of(), List.of(), 5));
  }

  @ParameterizedTest @EnumSource(TestServers.class)
  void gcRemovesOldUnreachableAndGoneEntriesOnly(TestServers kind) throws Exception {
    RegistryStore store = fencedStore(start(kind));
    long now = 100 * DAY_MS;
    store.apply(new RegistryChange("old-admitted", AgentStatus.REGISTERED, PLAIN, now - 30 * DAY_MS));
    store.apply(new RegistryChange("old-unreachable", AgentStatus.UNREACHABLE, PLAIN, now - 15 * DAY_MS));
    store.apply(new RegistryChange("new-unreachable", AgentStatus.UNREACHABLE, PLAIN, now - 13 * DAY_MS));
    store.apply(new RegistryChange("old-gone", AgentStatus.GONE, PLAIN, now - 14 * DAY_MS - 1));
    store.apply(new RegistryChange("edge-gone", AgentStatus.GONE, PLAIN, now - 14 * DAY_MS));

    RegistryStore.GcResult r = store.gc(now);

    assertThat(r.removedUnreachable()).containsExactly("old-unreachable");
    assertThat(r.removedGone()).containsExactly("old-gone");
    RegistrySnapshot s = store.load();
    assertThat(s.toRecoverRegistry(now)).isEqualTo(new Command.RecoverRegistry(
        List.of("old-admitted"), List.of("new-unreachable"), List.of("edge-gone"), now));
    assertThat(store.gc(now).removedGone()).isEmpty();
  }

  @ParameterizedTest @EnumSource(TestServers.class)
  void gcKeepsAtMostMaxCountPerListDroppingTheOldest(TestServers kind) throws Exception {
    RegistryStore store = fencedStore(start(kind));
    for (int i = 0; i < 5; i++) store.apply(new RegistryChange("g" + i, AgentStatus.GONE, null, 10 + i));
    for (int i = 0; i < 2; i++) store.apply(new RegistryChange("u" + i, AgentStatus.UNREACHABLE, null, 10 + i));

    RegistryStore.GcResult r = store.gc(20, DAY_MS, 2);

    assertThat(r.removedGone()).containsExactly("g0", "g1", "g2");
    assertThat(r.removedUnreachable()).isEmpty();
    assertThat(store.load().toRecoverRegistry(0).gone()).containsExactly("g3", "g4");
    assertThat(store.load().unreachable()).hasSize(2);
  }

  @ParameterizedTest @EnumSource(TestServers.class)
  void writesFailFencedAndWriteNothingOnceTheFencingNodeIsGone(TestServers kind) throws Exception {
    CuratorFramework c = start(kind);
    RegistryStore store = fencedStore(c);
    store.apply(new RegistryChange("S1", AgentStatus.REGISTERED, PLAIN, 1));
    store.setWeights(Map.of("web", 2.0));
    store.setQuota("web", new Quota(Map.of("cpus", 1000L), Map.of()));
    RegistrySnapshot before = store.load();

    c.delete().forPath(FENCE); // leadership lost

    assertThatThrownBy(() -> store.apply(new RegistryChange("S1", AgentStatus.GONE, PLAIN, 2)))
        .isInstanceOf(RegistryFencedException.class).hasMessageContaining(FENCE);
    assertThatThrownBy(() -> store.apply(new RegistryChange("S2", AgentStatus.REGISTERED, PLAIN, 2)))
        .isInstanceOf(RegistryFencedException.class);
    assertThatThrownBy(() -> store.setWeights(Map.of())).isInstanceOf(RegistryFencedException.class);
    assertThatThrownBy(() -> store.setQuota("web", new Quota(Map.of("cpus", 2000L), Map.of())))
        .isInstanceOf(RegistryFencedException.class);
    assertThatThrownBy(() -> store.setQuota("new", new Quota(Map.of("cpus", 2000L), Map.of())))
        .isInstanceOf(RegistryFencedException.class);
    assertThatThrownBy(() -> store.removeQuota("web")).isInstanceOf(RegistryFencedException.class);
    assertThatThrownBy(() -> store.gc(Long.MAX_VALUE, 0, 0)).isInstanceOf(RegistryFencedException.class);
    assertThat(store.load()).isEqualTo(before);

    // A store that never wrote leaves not even the registry's parent znodes behind.
    RegistryStore other = new RegistryStore(c, "/other", FENCE);
    assertThatThrownBy(() -> other.apply(new RegistryChange("S1", AgentStatus.REGISTERED, PLAIN, 1)))
        .isInstanceOf(RegistryFencedException.class);
    assertThat(c.checkExists().forPath("/other")).isNull();
  }

  @ParameterizedTest @EnumSource(TestServers.class)
  void newLeaderSeesWhatTheOldOneWroteAndTheOldOneIsFencedOff(TestServers kind) throws Exception {
    CuratorFramework c1 = start(kind);
    CuratorFramework c2 = client();
    MasterContender m1 = track(new MasterContender(c1, BASE, masterInfo(1)));
    MasterContender m2 = track(new MasterContender(c2, BASE, masterInfo(2)));
    String n1 = m1.contend();
    assertThat(m1.awaitLeadership(Duration.ofSeconds(10))).isTrue();
    m2.contend();
    RegistryStore leader1 = new RegistryStore(c1, BASE, BASE + "/" + m1.nodeName().orElseThrow());
    leader1.apply(new RegistryChange("S1", AgentStatus.REGISTERED, RICH, 1));
    leader1.apply(new RegistryChange("S2", AgentStatus.UNREACHABLE, PLAIN, 2));
    leader1.apply(new RegistryChange("S3", AgentStatus.GONE, PLAIN, 3));
    leader1.setWeights(Map.of("web", 2.0));
    leader1.setQuota("web", new Quota(Map.of("cpus", 1000L), Map.of("cpus", 3000L)));
    RegistrySnapshot written = leader1.load();

    m1.withdraw(); // m1's election znode is gone: m2 takes over
    assertThat(m2.awaitLeadership(Duration.ofSeconds(10))).isTrue();
    RegistryStore leader2 = new RegistryStore(c2, BASE, BASE + "/" + m2.nodeName().orElseThrow());

    RegistrySnapshot recovered = leader2.load();
    assertThat(recovered).isEqualTo(written);
    assertThat(recovered.toRecoverRegistry(10))
        .isEqualTo(new Command.RecoverRegistry(List.of("S1"), List.of("S2"), List.of("S3"), 10));
    assertThat(recovered.weights()).isEqualTo(Map.of("web", 2.0));

    assertThatThrownBy(() -> leader1.apply(new RegistryChange("S1", AgentStatus.GONE, RICH, 4)))
        .isInstanceOf(RegistryFencedException.class).hasMessageContaining(n1);
    leader2.apply(new RegistryChange("S2", AgentStatus.REGISTERED, PLAIN, 5));
    assertThat(leader1.load().agent("S1").orElseThrow().status()).isEqualTo(AgentStatus.REGISTERED);
    assertThat(leader1.load().agent("S2").orElseThrow().status()).isEqualTo(AgentStatus.REGISTERED);
  }

  @ParameterizedTest @EnumSource(TestServers.class)
  void corruptDataSurfacesAsRegistryExceptionNamingThePath(TestServers kind) throws Exception {
    CuratorFramework c = start(kind);
    RegistryStore store = fencedStore(c);
    c.create().creatingParentsIfNeeded().forPath(BASE + "/registry/agents/S1",
        "not json".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(store::load).isInstanceOf(RegistryException.class)
        .hasMessageContaining(BASE + "/registry/agents/S1");
  }

  @ParameterizedTest @EnumSource(TestServers.class)
  void unreachableServerSurfacesAsRegistryException(TestServers kind) throws Exception {
    CuratorFramework c = start(kind);
    RegistryStore store = fencedStore(c);
    server.close();
    assertThatThrownBy(() -> store.apply(new RegistryChange("S1", AgentStatus.REGISTERED, PLAIN, 1)))
        .isInstanceOf(RegistryException.class).isNotInstanceOf(RegistryFencedException.class)
        .hasMessageContaining(BASE + "/registry/agents/S1");
  }

  private static MasterInfo masterInfo(int i) throws Exception {
    return MasterInfos.of("master-" + i, (Inet4Address) InetAddress.getByName("127.0.0.1"), 5050 + i, "m" + i,
        "1.11.0");
  }
}
