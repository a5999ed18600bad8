package io.drover.bench.zk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Correctness of the generator (not a benchmark): op mix, counting, self-termination. */
class LoadGeneratorTest {
  @TempDir Path dir;
  private ZooKeeperServer server;
  private ServerCnxnFactory factory;
  private String connect;

  @BeforeEach void startEmbeddedZooKeeper() throws Exception {
    server = new ZooKeeperServer(dir.resolve("snap").toFile(), dir.resolve("log").toFile(), 2000);
    factory = ServerCnxnFactory.createFactory(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
    factory.startup(server);
    connect = "127.0.0.1:" + factory.getLocalPort();
  }

  @AfterEach void stop() {
    factory.shutdown();
    server.shutdown();
  }

  private static LoadGenerator.Settings settings(int readPercent) {
    return new LoadGenerator.Settings(2, 4, 20, 1024, readPercent, 100, 400, 7L, 10_000, 10_000);
  }

  @Test @Timeout(30) void setupCreatesTheKeySpaceWithValuesOfTheGivenSize() throws Exception {
    new LoadGenerator(connect, settings(50)).setup();
    try (ZooKeeper zk = Zk.connect(connect, 10_000)) {
      assertThat(zk.getChildren(LoadGenerator.ROOT, false)).hasSize(20).contains("k000000", "k000019");
      assertThat(zk.getData(LoadGenerator.ROOT + "/k000007", false, null)).hasSize(1024);
    }
  }

  @Test @Timeout(30) void allWritesAtZeroPercentReads() throws Exception {
    LoadGenerator gen = new LoadGenerator(connect, settings(0));
    gen.setup();
    LoadGenerator.Result r = gen.run();
    assertThat(r.reads()).isZero();
    assertThat(r.writes()).isPositive().isEqualTo(r.ops());
    assertThat(r.errors()).isZero();
    try (ZooKeeper zk = Zk.connect(connect, 10_000)) {
      long versions = 0;
      for (int i = 0; i < 20; i++) versions += zk.exists(LoadGenerator.ROOT + "/k" + Zk.suffix(i), false).getVersion();
      assertThat(versions).as("every counted write reached the server").isGreaterThanOrEqualTo(r.writes());
    }
  }

  @Test @Timeout(30) void mixFollowsTheReadRatioAndLatenciesAreOrdered() throws Exception {
    LoadGenerator gen = new LoadGenerator(connect, settings(90));
    gen.setup();
    LoadGenerator.Result r = gen.run();
    assertThat(r.ops()).isGreaterThan(100);
    assertThat((double) r.reads() / r.ops()).isBetween(0.8, 0.97);
    assertThat(r.opsPerSec()).isEqualTo(r.ops() / 0.4);
    assertThat(r.p50Ms()).isPositive().isLessThanOrEqualTo(r.p99Ms());
    assertThat(r.p99Ms()).isLessThanOrEqualTo(r.p999Ms());
    assertThat(r.p999Ms()).isLessThanOrEqualTo(r.maxMs());
  }

  @Test @Timeout(30) void onlyReadsAtHundredPercent() throws Exception {
    LoadGenerator gen = new LoadGenerator(connect, settings(100));
    gen.setup();
    LoadGenerator.Result r = gen.run();
    assertThat(r.writes()).isZero();
    assertThat(r.reads()).isPositive();
  }

  @Test void clientsAreSpreadRoundRobinOverTheGivenServers() {
    LoadGenerator gen = new LoadGenerator(java.util.List.of("a:1", "b:2", "c:3"), settings(50));
    assertThat(java.util.stream.IntStream.range(0, 7).mapToObj(gen::connectStringOf).toList())
        .containsExactly("a:1", "b:2", "c:3", "a:1", "b:2", "c:3", "a:1");
    assertThat(new LoadGenerator("x:9", settings(50)).connectStringOf(5)).isEqualTo("x:9");
  }
}
