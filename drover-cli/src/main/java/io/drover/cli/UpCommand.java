package io.drover.cli;

import io.drover.agent.containerizer.DockerContainerizer;
import io.drover.agent.node.Agent;
import io.drover.agent.node.AgentConfig;
import io.drover.agent.node.AgentConfig.ContainerizerType;
import io.drover.agent.node.AgentTasksFactory;
import io.drover.apps.core.CoreConfig;
import io.drover.apps.service.AppsConfig;
import io.drover.apps.service.AppsFramework;
import io.drover.apps.service.AppsService;
import io.drover.coord.server.CoordConfig;
import io.drover.coord.server.CoordServer;
import io.drover.master.ha.ZkUrl;
import io.drover.master.server.Master;
import io.drover.master.server.MasterConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code drover up}: the whole platform on one machine with embedded defaults, state under {@code ./drover-data}:
 * coord, a master electing through it, and an agent that uses Docker when a Docker Engine answers and otherwise
 * only the process containerizer, and apps (the Marathon-compatible framework, see {@link AppsFramework}; state
 * under {@code /drover/apps} in coord, so a restart resumes it and adopts running tasks). lb joins when it is built. Every role listens on 127.0.0.1 only. On shutdown apps stops first (its framework stays registered),
 * then the agent, the master and coord.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = "Start the whole platform on this machine (state in ./drover-data). Ctrl-C stops it cleanly.")
public final class UpCommand implements Callable<Integer> {
  private static final String LOOPBACK = "127.0.0.1";

  @Option(names = "--data-dir", defaultValue = "./drover-data", description = "Where every role keeps its state (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--coord-port", defaultValue = "2181", description = "coord's ZooKeeper client port (default: ${DEFAULT-VALUE}).")
  int coordPort;

  @Option(names = "--ensemble", defaultValue = "1", description = "Run this many coord servers as one replicated "
      + "ensemble (client ports from --coord-port on, quorum ports from 2888, election ports from 3888, free ports "
      + "where those are taken); 1 runs a single standalone coord (default: ${DEFAULT-VALUE}).")
  int ensemble;

  @Option(names = "--metrics-port", defaultValue = "7000", description = "coord's Prometheus metrics port; 0 turns it off (default: ${DEFAULT-VALUE}).")
  int metricsPort;

  @Option(names = "--master-port", defaultValue = "5050", description = "The master's HTTP port (default: ${DEFAULT-VALUE}).")
  int masterPort;

  @Option(names = "--agent-port", defaultValue = "5051", description = "The agent's HTTP port (default: ${DEFAULT-VALUE}).")
  int agentPort;

  @Option(names = "--apps-port", defaultValue = "8080", description = "apps' HTTP port, the Marathon API (default: ${DEFAULT-VALUE}).")
  int appsPort;

  @Mixin SchedulingOptions scheduling = new SchedulingOptions();

  @Option(names = "--agent-resources", description = "The agent's resources, e.g. \"cpus:4;mem:8192\" (default: detected).")
  String agentResources;

  @Override public Integer call() throws Exception {
    CoreConfig core;
    try {
      core = scheduling.coreConfig();
    } catch (IllegalArgumentException e) {
      System.err.println("drover up: " + e.getMessage());
      return Roles.USAGE;
    }
    if (ensemble < 1 || ensemble > 9) {
      System.err.println("drover up: --ensemble must be between 1 and 9, was " + ensemble);
      return Roles.USAGE;
    }
    Coord coord = startCoord();
    if (coord == null) return 1;
    String zk = "zk://" + coord.connectString() + "/drover/master";
    MasterConfig masterConfig = MasterConfig.builder(ZkUrl.parse(zk)).port(masterPort).hostname(LOOPBACK)
        .ip(LOOPBACK).build();
    Master master = Roles.startOrExplain("up (master)", () -> Master.start(masterConfig));
    if (master == null) {
      coord.close();
      return 1;
    }
    Optional<String> noDocker = DockerContainerizer.unavailableReason(DockerContainerizer.DEFAULT_HOST);
    Set<ContainerizerType> containerizers = noDocker.isEmpty()
        ? Set.of(ContainerizerType.DOCKER, ContainerizerType.PROCESS) : Set.of(ContainerizerType.PROCESS);
    AgentConfig agentConfig = AgentConfig.builder(zk, dataDir.resolve("agent")).port(agentPort)
        .bindAddress(LOOPBACK).hostname(LOOPBACK).resources(agentResources).containerizers(containerizers).build();
    Agent agent = Roles.startOrExplain("up (agent)", () -> Agent.start(agentConfig, AgentTasksFactory.taskEngine()));
    if (agent == null) {
      Roles.closeAll(master, coord);
      return 1;
    }
    String coordUrl = "zk://" + coord.connectString();
    // Giving up leadership ends apps (its awaitTermination answers why) but not the whole of `up`'s JVM at once.
    AppsConfig appsConfig = AppsFramework.configure(AppsConfig.builder(ZkUrl.parse(coordUrl + "/drover/apps"), zk),
        core).declineOfferDuration(Duration.ofMillis(core.declineOfferDurationMs())).port(appsPort).hostname(LOOPBACK)
        .bindAddress(LOOPBACK).exitAction(status -> { }).build();
    AppsService apps = Roles.startOrExplain("up (apps)", () -> AppsService.start(appsConfig));
    if (apps == null) {
      Roles.closeAll(agent, master, coord);
      return 1;
    }
    Roles.closeOnShutdown(apps, agent, master, coord);

    System.out.println("Drover is up (state in " + dataDir.toAbsolutePath().normalize() + "):");
    System.out.println("  coord   zk://" + coord.connectString() + "   (ZooKeeper protocol"
        + (ensemble > 1 ? ", a " + ensemble + "-server ensemble" : "") + "; try ./drover zk ls /)");
    int coordMetrics = coord.servers().get(0).metricsPort();
    if (coordMetrics > 0) System.out.println("  metrics http://" + LOOPBACK + ":" + coordMetrics + "/metrics");
    System.out.println("  master  http://" + LOOPBACK + ":" + master.port()
        + "   (Mesos v1 API: /api/v1/scheduler, /api/v1; state: /master/state)");
    System.out.println("  agent   http://" + LOOPBACK + ":" + agent.port() + "   (resources " + agent.resources() + "; "
        + (noDocker.isEmpty() ? "Docker and process containers" : "process containers only: " + noDocker.get())
        + ")");
    System.out.println("  apps    http://" + LOOPBACK + ":" + apps.port() + "   (Marathon API v2: /v2/apps, /v2/events)");
    System.out.println("Press Ctrl-C to stop.");

    String stopped = CompletableFuture.anyOf(
        whenStopped("coord", coord::awaitTermination),
        whenStopped("master", () -> Optional.ofNullable(master.awaitTermination()).map(Exception::getMessage)),
        whenStopped("agent", agent::awaitTermination),
        whenStopped("apps", () -> Optional.ofNullable(apps.awaitTermination()).map(Exception::getMessage))).thenApply(String.class::cast).get();
    if (stopped != null) System.err.println("drover up: " + stopped);
    return stopped == null ? 0 : 1;
  }

  /** coord as `up` runs it: one standalone server, or a local ensemble. */
  private record Coord(List<CoordServer> servers, AutoCloseable closer) implements AutoCloseable {
    String connectString() { return LocalEnsemble.connectString(servers); }

    /** Returns when any server stops: the first failure, or empty. */
    Optional<String> awaitTermination() throws Exception {
      CompletableFuture<Object> any = CompletableFuture.anyOf(servers.stream().map(s -> whenStopped("server "
          + s.config().serverId(), () -> Optional.ofNullable(s.awaitTermination()).map(Exception::getMessage)))
          .toArray(CompletableFuture[]::new));
      return Optional.ofNullable((String) any.get());
    }

    @Override public void close() throws Exception { closer.close(); }
  }

  private Coord startCoord() throws InterruptedException {
    if (ensemble == 1) {
      CoordConfig coordConfig = CoordConfig.builder(dataDir.resolve("coord"), coordPort).bindAddress(LOOPBACK)
          .metricsPort(metricsPort).build();
      CoordServer coord = Roles.startOrExplain("up", () -> CoordServer.start(coordConfig));
      return coord == null ? null : new Coord(List.of(coord), coord);
    }
    LocalEnsemble local = Roles.startOrExplain("up", () -> LocalEnsemble.start(dataDir, ensemble, coordPort, metricsPort));
    if (local == null) return null;
    if (!local.awaitServing(60_000)) {
      System.err.println("drover up: the coord ensemble elected no leader within 60 s");
      local.close();
      return null;
    }
    return new Coord(local.servers(), local);
  }

  /** Completes with null when the role stopped cleanly, or with a line saying why it failed. */
  private static CompletableFuture<Object> whenStopped(String role, InterruptibleSupplier<Optional<String>> await) {
    CompletableFuture<Object> done = new CompletableFuture<>();
    Thread.ofVirtual().name("up-await-" + role).start(() -> {
      try {
        done.complete(await.get().map(why -> role + " stopped: " + why).orElse(null));
      } catch (InterruptedException e) {
        done.complete(null);
      } catch (Exception e) {
        done.complete(role + " stopped: " + e.getMessage());
      }
    });
    return done;
  }

  @FunctionalInterface
  private interface InterruptibleSupplier<T> {
    T get() throws Exception;
  }
}
