package io.drover.cli.client;

import static org.awaitility.Awaitility.await;

import io.drover.agent.node.Agent;
import io.drover.agent.node.AgentConfig;
import io.drover.agent.node.AgentConfig.ContainerizerType;
import io.drover.agent.node.AgentTasksFactory;
import io.drover.apps.service.AppsConfig;
import io.drover.apps.service.AppsFramework;
import io.drover.apps.service.AppsService;
import io.drover.cli.Cli;
import io.drover.cli.Cli.Result;
import io.drover.coord.server.CoordConfig;
import io.drover.coord.server.CoordServer;
import io.drover.master.ha.ZkUrl;
import io.drover.master.server.Master;
import io.drover.master.server.MasterConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A whole Drover in-process, as {@code drover up} starts it but on ephemeral loopback ports: coord, a master, an
 * agent with the process containerizer (cpus 2, mem 1024) and apps. {@link #close()} removes every app first, so
 * no task process outlives the test.
 */
final class TestCluster implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(60);

  /** One command line's exit code and output. */

  private final CoordServer coord;
  private final Master master;
  private final Agent agent;
  private final AppsService apps;

  TestCluster(Path dir) throws Exception {
    List<AutoCloseable> started = new ArrayList<>();
    try {
      coord = CoordServer.start(CoordConfig.builder(dir.resolve("coord"), 0).bindAddress("127.0.0.1").metricsPort(0)
          .build());
      started.add(coord);
      String zk = "zk://127.0.0.1:" + coord.clientPort() + "/drover/master";
      master = Master.start(MasterConfig.builder(ZkUrl.parse(zk)).port(0).hostname("127.0.0.1").ip("127.0.0.1")
          .exitAction(status -> { }).build());
      started.add(master);
      await().atMost(WAIT).until(master::isLeader);
      agent = Agent.start(AgentConfig.builder(zk, dir.resolve("agent")).port(0).bindAddress("127.0.0.1")
          .hostname("127.0.0.1").resources("cpus:2;mem:1024;disk:1024;ports:[31000-31200]")
          .containerizers(Set.of(ContainerizerType.PROCESS)).build(), AgentTasksFactory.taskEngine());
      started.add(agent);
      apps = AppsService.start(AppsFramework.configure(AppsConfig.builder(
          ZkUrl.parse("zk://127.0.0.1:" + coord.clientPort() + "/drover/apps"), zk).port(0).hostname("127.0.0.1")
          .bindAddress("127.0.0.1").zkSessionTimeout(Duration.ofSeconds(5)).exitAction(status -> { })).build());
      started.add(apps);
      await().atMost(WAIT).until(() -> run("app", "list").code() == 0 && run("cluster").out().contains("marathon"));
    } catch (Exception | Error e) {
      for (int i = started.size() - 1; i >= 0; i--) started.get(i).close();
      throw e;
    }
  }

  String appsUrl() { return "http://127.0.0.1:" + apps.port(); }

  String masterUrl() { return "http://127.0.0.1:" + master.port(); }

  int agentPort() { return agent.port(); }

  int appsPort() { return apps.port(); }

  /** {@code drover <args> --apps <this apps> --master <this master>}. */
  Result run(String... args) {
    String[] full = new String[args.length + 4];
    System.arraycopy(args, 0, full, 0, args.length);
    full[args.length] = "--apps";
    full[args.length + 1] = appsUrl();
    full[args.length + 2] = "--master";
    full[args.length + 3] = masterUrl();
    return runRaw(full);
  }

  /** {@code drover <args>} exactly as given. */
  static Result runRaw(String... args) { return Cli.run(args); }

  @Override public void close() throws Exception {
    try {
      run("group", "remove", "/", "--force");
      await().atMost(WAIT).until(() -> run("task", "list").out().strip().equals("no tasks"));
    } finally {
      apps.close();
      agent.close();
      master.close();
      coord.close();
    }
  }
}
