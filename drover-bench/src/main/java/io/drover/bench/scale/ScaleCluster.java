package io.drover.bench.scale;

import io.drover.bench.master.LocalCluster;
import io.drover.bench.master.SimulatedAgent;
import io.drover.common.mesos.TaskState;
import io.drover.common.random.Rng;
import io.drover.master.cluster.AgentStatus;
import io.drover.master.cluster.ClusterCore;
import io.drover.master.cluster.Task;
import io.drover.master.server.Master;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * One fresh environment of the scale bench: in-process coord and master, {@code agents} simulated agents (one
 * virtual thread each, one shared HTTP client and heartbeat/retry timer) whose tasks {@link SimulatedTasks} runs, all
 * registered, and the apps leader in its own JVM, elected and subscribed. {@link #close()} stops all of it.
 */
final class ScaleCluster implements AutoCloseable {
  /** UPDATE posts in flight across all simulated agents (each holds a socket at both ends, in this JVM). */
  static final int UPDATES_IN_FLIGHT = 512;

  final LocalCluster cluster;
  final Master master;
  final AppsLeaderProcess apps;
  final AppsApi api;
  final double agentsRegisteredMs;
  final SimulatedAgent.Stats agentStats = new SimulatedAgent.Stats();
  final SimulatedTasks.Stats taskStats = new SimulatedTasks.Stats();
  private final ExecutorService httpExecutor;
  private final HttpClient http;
  private final ScheduledExecutorService timer;
  private final List<SimulatedAgent> agents = new ArrayList<>();
  private final Path appsLog;

  private ScaleCluster(ScaleBench.Settings s, String name, PrintStream log) throws Exception {
    cluster = LocalCluster.start("scale-" + name);
    httpExecutor = Executors.newVirtualThreadPerTaskExecutor();
    http = HttpClient.newBuilder().executor(httpExecutor).version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("sim-agent-timer").daemon().factory());
    appsLog = cluster.dir().resolve("apps-leader.log");
    AppsLeaderProcess started = null;
    try {
      master = cluster.startMaster();
      LocalCluster.await("the master leads", 30_000, 10, master::isLeader);
      URI masterUri = URI.create("http://" + LocalCluster.LOOPBACK + ":" + master.port() + "/");
      Semaphore inFlight = new Semaphore(UPDATES_IN_FLIGHT);
      SimulatedAgent.Settings agentSettings = new SimulatedAgent.Settings(s.agentResources(), 0, 1000, 60_000);
      List<SimulatedTasks> tasks = new ArrayList<>();
      for (int i = 0; i < s.agents(); i++) {
        SimulatedTasks t = new SimulatedTasks(Rng.seeded(7L * i + 1), http, taskStats, inFlight);
        tasks.add(t);
        agents.add(new SimulatedAgent(i, agentSettings, http, timer, () -> Optional.of(masterUri), agentStats, 42L + i,
            t));
      }
      timer.scheduleAtFixedRate(() -> tasks.forEach(SimulatedTasks::retryDue), 1, 1, TimeUnit.SECONDS);
      long t0 = System.nanoTime();
      agents.forEach(SimulatedAgent::start);
      LocalCluster.await(s.agents() + " agents register", 600_000, 50,
          () -> read(ScaleCluster::registeredAgents) == s.agents());
      agentsRegisteredMs = (System.nanoTime() - t0) / 1e6;
      log.printf("scale %s: %,d simulated agents registered in %.0f ms%n", name, s.agents(), agentsRegisteredMs);
      started = AppsLeaderProcess.start(s.appsJvmOptions(), "zk://" + cluster.coordAddress() + "/drover/apps",
          masterUri.toString().replaceAll("/$", ""), s.core(), appsLog);
      apps = started;
      api = new AppsApi(http, apps.port());
      awaitApi();
    } catch (Exception | Error e) {
      if (started != null) started.close();
      closeAgents();
      throw e;
    }
  }

  static ScaleCluster start(ScaleBench.Settings s, String name, PrintStream log) throws Exception {
    return new ScaleCluster(s, name, log);
  }

  /** Reads the master's state on its loop. */
  <T> T read(Function<ClusterCore, T> query) {
    try {
      return master.readCore(query).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted reading the master", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot read the master's state: " + e, e);
    }
  }

  /** Lines of the apps leader's log (warnings and errors only) that contain {@code text}. */
  long appsLogLines(String text) {
    try {
      return Files.readAllLines(appsLog, StandardCharsets.UTF_8).stream().filter(l -> l.contains(text)).count();
    } catch (IOException e) {
      return -1; // reported as unknown
    }
  }

  static int registeredAgents(ClusterCore core) {
    int n = 0;
    for (String id : core.agentInfos().keySet()) {
      if (core.agentStatus(id).orElse(null) == AgentStatus.REGISTERED) n++;
    }
    return n;
  }

  static int running(ClusterCore core) {
    int n = 0;
    for (Task t : core.tasks()) if (t.state() == TaskState.TASK_RUNNING) n++;
    return n;
  }

  private void awaitApi() throws InterruptedException {
    LocalCluster.await("the apps leader is elected and subscribed", 120_000, 100, () -> {
      if (!apps.isAlive()) throw new IllegalStateException("the apps leader exited; see " + appsLog);
      try {
        return api.get("/v2/apps").status() == 200;
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    });
  }

  private void closeAgents() {
    for (SimulatedAgent a : agents) a.close();
    timer.shutdownNow();
    http.close();
    httpExecutor.close();
    cluster.close();
  }

  @Override public void close() throws InterruptedException {
    try {
      apps.close();
    } finally {
      closeAgents();
    }
  }
}
