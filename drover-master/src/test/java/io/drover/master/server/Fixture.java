package io.drover.master.server;

import static org.awaitility.Awaitility.await;

import io.drover.master.Closeables;
import io.drover.master.TestServers;
import io.drover.master.ha.ZkUrl;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/** A ZooKeeper-API server plus masters on ephemeral ports; records exit-action calls instead of exiting. */
final class Fixture implements AutoCloseable {
  final Closeables closeables = new Closeables();
  final TestServers.Running zk;
  final List<Integer> exits = new CopyOnWriteArrayList<>();
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .followRedirects(HttpClient.Redirect.NEVER).build();

  Fixture(TestServers server, Path dir) throws Exception {
    zk = closeables.track(server.start(Files.createDirectories(dir.resolve("zk"))));
    closeables.track(http::close);
  }

  /** Starts a master with test settings (127.0.0.1, port 0, 2 s ZooKeeper session, 1 s heartbeats). */
  Master master(UnaryOperator<MasterConfig.Builder> tweak) throws Exception {
    MasterConfig.Builder b = MasterConfig.builder(ZkUrl.parse("zk://" + zk.connectString() + "/drover/master"))
        .port(0).hostname("127.0.0.1").ip("127.0.0.1").zkSessionTimeout(Duration.ofSeconds(2))
        .frameworkHeartbeat(Duration.ofSeconds(1)).exitAction(exits::add);
    return closeables.track(Master.start(tweak.apply(b).build()));
  }

  Master leader(UnaryOperator<MasterConfig.Builder> tweak) throws Exception {
    Master m = master(tweak);
    await().atMost(Duration.ofSeconds(20)).until(m::isLeader);
    return m;
  }

  TestScheduler scheduler(Master m) { return closeables.track(new TestScheduler(http, m.port())); }

  TestAgent agent(Master m) { return closeables.track(new TestAgent(http, m.port())); }

  @Override public void close() throws Exception { closeables.close(); }
}
