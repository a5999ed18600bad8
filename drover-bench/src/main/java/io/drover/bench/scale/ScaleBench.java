package io.drover.bench.scale;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.bench.master.LatencySummary;
import io.drover.bench.master.LocalCluster;
import io.drover.bench.master.SimulatedAgent;
import io.drover.bench.zk.HeapProbe;
import io.drover.common.mesos.TaskState;
import io.drover.common.random.Rng;
import io.drover.master.cluster.AgentStatus;
import io.drover.master.cluster.ClusterCore;
import io.drover.master.cluster.Task;
import io.drover.master.server.Master;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Scale with simulated agents: in-process coord and master, {@code agents} {@link SimulatedAgent}s whose tasks
 * {@link SimulatedTasks} "runs", and the apps leader in its own JVM ({@link AppsLeaderMain}) on the master's v1
 * scheduler API. Measures (1) instances per second from {@code POST /v2/groups} of {@code apps} apps ×
 * {@code instancesPerApp} until {@code GET /v2/apps} counts them all running, (2) {@code GET /v2/apps} latency with
 * all of them running, plain and {@code ?embed=apps.tasks}, and (3) the apps leader's used heap after a full GC.
 * A warm-up group ({@code warmupApps} × {@code instancesPerApp}) is deployed and removed first, so the apps JVM's
 * JIT is not cold and the KILL path is exercised.
 */
public final class ScaleBench {
  /**
   * @param agentResources each simulated agent's total resources, Mesos text form
   * @param appsJvmOptions the apps leader JVM's options
   */
  public record Settings(int agents, int apps, int instancesPerApp, String agentResources, double appCpus,
      int appMemMb, int warmupApps, int apiWarmupRequests, int apiRequests, AppsLeaderMain.CoreSettings core,
      List<String> appsJvmOptions, long timeoutMs) {
    public Settings {
      if (agents < 1 || apps < 1 || instancesPerApp < 1) throw new IllegalArgumentException("agents, apps and instances must be at least 1");
      if (warmupApps < 0 || apiWarmupRequests < 0) throw new IllegalArgumentException("warm-up counts must not be negative");
      if (apiRequests < 1) throw new IllegalArgumentException("--api-requests must be at least 1");
      appsJvmOptions = List.copyOf(appsJvmOptions);
    }

    public int instances() { return apps * instancesPerApp; }
  }

  /** Milestones of the measured deployment, ms from just before {@code POST /v2/groups} was sent. */
  public record Launch(double postMs, double firstLaunchedMs, double allLaunchedMs, double allRunningAtMasterMs,
      double deploymentDoneMs, double allRunningInApiMs, int agentsUsed) {
    public double instancesPerSecond(int instances) { return instances / (allRunningInApiMs / 1000.0); }
  }

  /** One endpoint's latency over the measured requests; {@code bytes} is the last response's size. */
  public record ApiLatency(String path, LatencySummary latency, int bytes) {}

  public record Result(Settings settings, double agentsRegisteredMs, double warmupMs, Launch launch,
      List<ApiLatency> api, long appsHeapIdleBytes, long appsHeapUsedBytes, long updatesSent, long updatesFailed,
      long acks, long kills, String agentProblems) {}

  private static final long POLL_MS = 100;

  private final Settings settings;
  private final PrintStream log;

  public ScaleBench(Settings settings, PrintStream log) {
    this.settings = settings;
    this.log = log;
  }

  public Result run() throws Exception {
    warnOnFileDescriptorLimit();
    try (LocalCluster cluster = LocalCluster.start("scale");
        ExecutorService httpExecutor = Executors.newVirtualThreadPerTaskExecutor();
        HttpClient http = HttpClient.newBuilder().executor(httpExecutor).version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build()) {
      Master master = cluster.startMaster();
      LocalCluster.await("the master leads", 30_000, 10, master::isLeader);
      URI masterUri = URI.create("http://" + LocalCluster.LOOPBACK + ":" + master.port() + "/");
      ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("sim-agent-timer").daemon().factory());
      List<SimulatedAgent> agents = new ArrayList<>();
      List<SimulatedTasks> tasks = new ArrayList<>();
      SimulatedAgent.Stats agentStats = new SimulatedAgent.Stats();
      SimulatedTasks.Stats taskStats = new SimulatedTasks.Stats();
      try {
        SimulatedAgent.Settings agentSettings = new SimulatedAgent.Settings(settings.agentResources(), 0, 1000, 60_000);
        for (int i = 0; i < settings.agents(); i++) {
          SimulatedTasks t = new SimulatedTasks(Rng.seeded(7L * i + 1), http, taskStats);
          tasks.add(t);
          agents.add(new SimulatedAgent(i, agentSettings, http, timer, () -> Optional.of(masterUri), agentStats,
              42L + i, t));
        }
        timer.scheduleAtFixedRate(() -> tasks.forEach(SimulatedTasks::retryDue), 1, 1, TimeUnit.SECONDS);
        long t0 = System.nanoTime();
        agents.forEach(SimulatedAgent::start);
        LocalCluster.await(settings.agents() + " agents register", 600_000, 50,
            () -> read(master, ScaleBench::registeredAgents) == settings.agents());
        double registeredMs = ms(t0);
        log.printf("scale: %,d simulated agents registered in %.0f ms%n", settings.agents(), registeredMs);

        Path appsLog = cluster.dir().resolve("apps-leader.log");
        try (AppsLeaderProcess apps = AppsLeaderProcess.start(settings.appsJvmOptions(),
            "zk://" + cluster.coordAddress() + "/drover/apps", masterUri.toString().replaceAll("/$", ""),
            settings.core(), appsLog)) {
          AppsApi api = new AppsApi(http, apps.port());
          awaitApi(api, apps);
          HeapProbe heap = HeapProbe.ofCurrentJvm();
          long idleHeap = heap.usedAfterGc(apps.pid());
          log.printf("scale: apps leader (pid %d, port %d) serving; used heap after GC %.1f MB%n", apps.pid(),
              apps.port(), idleHeap / 1048576.0);

          double warmupMs = 0;
          if (settings.warmupApps() > 0) {
            long w0 = System.nanoTime();
            deploy(api, master, "/warmup", settings.warmupApps());
            expect(api.delete("/v2/groups/warmup?force=true"), 200, "DELETE /v2/groups/warmup");
            awaitNoDeployments(api);
            LocalCluster.await("the warm-up tasks end", settings.timeoutMs(), POLL_MS,
                () -> read(master, c -> c.tasks().size()) == 0);
            warmupMs = ms(w0);
            log.printf("scale: warm-up (%d apps × %d instances deployed and removed) took %.0f ms%n",
                settings.warmupApps(), settings.instancesPerApp(), warmupMs);
          }

          Launch launch = deploy(api, master, "/bench", settings.apps());
          log.printf("scale: %,d instances of %,d apps running after %.0f ms: %.0f instances/s (POST answered %.0f ms,"
                  + " first task at the master %.0f ms, all launched %.0f ms, all RUNNING at the master %.0f ms, "
                  + "deployment done %.0f ms; %d agents used)%n", settings.instances(), settings.apps(),
              launch.allRunningInApiMs(), launch.instancesPerSecond(settings.instances()), launch.postMs(),
              launch.firstLaunchedMs(), launch.allLaunchedMs(), launch.allRunningAtMasterMs(),
              launch.deploymentDoneMs(), launch.agentsUsed());

          List<ApiLatency> latencies = new ArrayList<>();
          for (String path : List.of("/v2/apps", "/v2/apps?embed=apps.tasks")) {
            latencies.add(measureApi(api, path));
          }
          long usedHeap = heap.usedAfterGc(apps.pid());
          log.printf("scale: apps leader used heap after GC with everything running: %.1f MB%n",
              usedHeap / 1048576.0);
          return new Result(settings, registeredMs, warmupMs, launch, latencies, idleHeap, usedHeap,
              taskStats.updatesSent.get(), taskStats.updatesFailed.get(), taskStats.acks.get(),
              taskStats.kills.get(), SimulatedAgent.describe(agentStats));
        }
      } finally {
        for (SimulatedAgent a : agents) a.close();
        timer.shutdownNow();
      }
    }
  }

  /**
   * {@code POST /v2/groups} of {@code apps} apps under {@code group}, then waits until the deployment is gone and
   * {@code GET /v2/apps} counts every instance running; milestones sampled from the master every {@value #POLL_MS}
   * ms on its loop.
   */
  private Launch deploy(AppsApi api, Master master, String group, int apps) throws Exception {
    int want = apps * settings.instancesPerApp();
    JsonNode body = AppsApi.group(group, apps, settings.instancesPerApp(), settings.appCpus(), settings.appMemMb());
    long t0 = System.nanoTime();
    AppsApi.Response created = api.post("/v2/groups", body);
    double postMs = ms(t0);
    expect(created, 201, "POST /v2/groups " + group);
    String deploymentId = created.json().path("deploymentId").asText();
    double firstLaunched = -1;
    double allLaunched = -1;
    double allRunningMaster = -1;
    double deploymentDone = -1;
    long deadline = t0 + settings.timeoutMs() * 1_000_000;
    int lastLogged = 0;
    while (true) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("after " + settings.timeoutMs() / 1000 + " s: " + read(master,
            c -> c.tasks().size()) + " of " + want + " tasks at the master, " + read(master, ScaleBench::running)
            + " running; deployment done: " + (deploymentDone >= 0));
      }
      if (allRunningMaster < 0) {
        int[] counts = read(master, c -> new int[] {c.tasks().size(), running(c)});
        if (firstLaunched < 0 && counts[0] > 0) firstLaunched = ms(t0);
        if (allLaunched < 0 && counts[0] >= want) allLaunched = ms(t0);
        if (counts[1] >= want) allRunningMaster = ms(t0);
        if (counts[1] - lastLogged >= want / 5) {
          lastLogged = counts[1];
          log.printf("scale: %s: %,d of %,d tasks RUNNING at the master after %.0f ms%n", group, counts[1], want,
              ms(t0));
        }
      }
      if (deploymentDone < 0) {
        AppsApi.Response d = api.get("/v2/deployments");
        expect(d, 200, "GET /v2/deployments");
        boolean present = false;
        for (JsonNode n : d.json()) present |= n.path("id").asText().equals(deploymentId);
        if (!present) deploymentDone = ms(t0);
      }
      if (deploymentDone >= 0) {
        AppsApi.Response a = api.get("/v2/apps");
        expect(a, 200, "GET /v2/apps");
        if (AppsApi.tasksRunning(a.json(), group + "/") >= want) {
          double apiMs = ms(t0);
          int agentsUsed = read(master, c -> (int) c.tasks().stream().map(Task::agentId).distinct().count());
          return new Launch(postMs, firstLaunched, allLaunched, allRunningMaster < 0 ? apiMs : allRunningMaster,
              deploymentDone, apiMs, agentsUsed);
        }
      }
      Thread.sleep(POLL_MS);
    }
  }

  private ApiLatency measureApi(AppsApi api, String path) throws IOException, InterruptedException {
    for (int i = 0; i < settings.apiWarmupRequests(); i++) expect(api.get(path), 200, "GET " + path);
    double[] samples = new double[settings.apiRequests()];
    int bytes = 0;
    for (int i = 0; i < samples.length; i++) {
      AppsApi.Response r = api.get(path);
      expect(r, 200, "GET " + path);
      samples[i] = r.ms();
      bytes = r.body().length;
    }
    LatencySummary s = LatencySummary.ofMs(samples);
    log.printf("scale: GET %s (%,d bytes): p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms over %d requests%n",
        path, bytes, s.p50Ms(), s.p90Ms(), s.p99Ms(), s.maxMs(), s.count());
    return new ApiLatency(path, s, bytes);
  }

  private void awaitApi(AppsApi api, AppsLeaderProcess apps) throws InterruptedException {
    LocalCluster.await("the apps leader is elected and subscribed", 120_000, 100, () -> {
      if (!apps.isAlive()) throw new IllegalStateException("the apps leader exited");
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

  private void awaitNoDeployments(AppsApi api) throws InterruptedException {
    LocalCluster.await("no deployment runs", settings.timeoutMs(), POLL_MS, () -> {
      try {
        AppsApi.Response r = api.get("/v2/deployments");
        return r.status() == 200 && r.json().isEmpty();
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    });
  }

  private static void expect(AppsApi.Response r, int status, String what) throws IOException {
    if (r.status() != status) {
      String body = new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
      throw new IOException(what + " answered " + r.status() + ": " + body.substring(0, Math.min(500, body.length())));
    }
  }

  private static int registeredAgents(ClusterCore core) {
    int n = 0;
    for (String id : core.agentInfos().keySet()) {
      if (core.agentStatus(id).orElse(null) == AgentStatus.REGISTERED) n++;
    }
    return n;
  }

  private static int running(ClusterCore core) {
    int n = 0;
    for (Task t : core.tasks()) if (t.state() == TaskState.TASK_RUNNING) n++;
    return n;
  }

  private static <T> T read(Master m, java.util.function.Function<ClusterCore, T> query) {
    try {
      return m.readCore(query).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted reading the master", e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("cannot read the master's state: " + e, e);
    }
  }

  private static double ms(long fromNanos) { return (System.nanoTime() - fromNanos) / 1e6; }

  /** Each agent holds a stream socket plus pooled update/heartbeat sockets, and both ends live in this JVM. */
  private void warnOnFileDescriptorLimit() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os) {
      long need = 6L * settings.agents() + 2_000;
      if (os.getMaxFileDescriptorCount() < need) {
        log.printf("scale: warning: the file descriptor limit %d is below the ~%d this run may need (ulimit -n)%n",
            os.getMaxFileDescriptorCount(), need);
      }
    }
  }
}
