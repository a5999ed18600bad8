package io.drover.bench.scale;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.bench.master.LatencySummary;
import io.drover.bench.master.LocalCluster;
import io.drover.bench.master.SimulatedAgent;
import io.drover.bench.zk.HeapProbe;
import io.drover.master.cluster.Task;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Scale with simulated agents: in-process coord and master, {@code agents} {@link SimulatedAgent}s whose tasks
 * {@link SimulatedTasks} "runs", and the apps leader in its own JVM ({@link AppsLeaderMain}) on the master's v1
 * scheduler API. Measures (1) instances per second from {@code POST /v2/groups} of {@code apps} apps ×
 * {@code instancesPerApp} until {@code GET /v2/apps} counts them all running, (2) {@code GET /v2/apps} latency with
 * all of them running, plain and {@code ?embed=apps.tasks}, and (3) the apps leader's used heap after a full GC.
 *
 * <p>Figure 1 runs in its own environment ({@link ScaleCluster}): a warm-up group ({@code warmupApps} ×
 * {@code instancesPerApp}) is deployed and removed first, so the apps JVM's JIT is not cold and the KILL path is
 * exercised, then every app in one request, given {@code burstTimeoutMs}. Figures 2 and 3 need every instance
 * running whatever figure 1 did, so they run in a fresh environment filled in waves of {@code waveApps} apps, each
 * waited for.
 */
public final class ScaleBench {
  /**
   * @param agentResources each simulated agent's total resources, Mesos text form
   * @param appsJvmOptions the apps leader JVM's options
   */
  /**
   * @param agentResources each simulated agent's total resources, Mesos text form
   * @param waveApps apps per wave when the steady environment is filled for figures 2 and 3
   * @param burstTimeoutMs how long figure 1 may take before it counts as not finished
   * @param timeoutMs how long any other deployment may take before the run fails
   * @param appsJvmOptions the apps leader JVM's options
   */
  public record Settings(int agents, int apps, int instancesPerApp, String agentResources, double appCpus,
      int appMemMb, int warmupApps, int waveApps, int apiWarmupRequests, int apiRequests,
      AppsLeaderMain.CoreSettings core, List<String> appsJvmOptions, long burstTimeoutMs, long timeoutMs) {
    public Settings {
      if (agents < 1 || apps < 1 || instancesPerApp < 1) {
        throw new IllegalArgumentException("agents, apps and instances must be at least 1");
      }
      if (warmupApps < 0 || apiWarmupRequests < 0) throw new IllegalArgumentException("warm-up counts must not be negative");
      if (waveApps < 1) throw new IllegalArgumentException("--wave-apps must be at least 1");
      if (apiRequests < 1) throw new IllegalArgumentException("--api-requests must be at least 1");
      if (burstTimeoutMs < 1 || timeoutMs < 1) throw new IllegalArgumentException("timeouts must be positive");
      appsJvmOptions = List.copyOf(appsJvmOptions);
    }

    public int instances() { return apps * instancesPerApp; }
  }

  /**
   * Milestones of one deployment, ms from just before {@code POST /v2/groups} was sent; -1 for one never reached
   * (then {@link #completed()} is false and {@code runningAtMasterAtEnd} says how far it got).
   */
  public record Launch(double postMs, double firstLaunchedMs, double allLaunchedMs, double allRunningAtMasterMs,
      double deploymentDoneMs, double allRunningInApiMs, int agentsUsed, int runningAtMasterAtEnd) {
    public boolean completed() { return allRunningInApiMs >= 0; }

    public double instancesPerSecond(int instances) {
      return completed() ? instances / (allRunningInApiMs / 1000.0) : Double.NaN;
    }
  }

  /**
   * Figure 1.
   *
   * @param frameworkRefusals the apps leader's calls the master refused as "not subscribed" (the framework had been
   *     cut off), counted in its log
   * @param reconcilesRefused RECONCILE calls the master refused with 413 (body over its limit), counted in its log
   */
  public record Burst(double warmupMs, double agentsRegisteredMs, Launch launch, long frameworkRefusals,
      long reconcilesRefused) {}

  /** One endpoint's latency over the measured requests; {@code bytes} is the last response's size. */
  public record ApiLatency(String path, LatencySummary latency, int bytes) {}

  /** The run: figure 1 ({@code burst}), then figures 2 and 3 in a fresh environment filled in {@code waves}. */
  public record Result(Settings settings, Burst burst, int waves, double wavesMs, List<ApiLatency> api,
      long appsHeapIdleBytes, long appsHeapUsedBytes, StoreWriteProbe.Result storeWrite, long updatesSent, long updatesFailed, long acks, long kills,
      String agentProblems) {}

  private static final long POLL_MS = 100;

  private final Settings settings;
  private final PrintStream log;

  public ScaleBench(Settings settings, PrintStream log) {
    this.settings = settings;
    this.log = log;
  }

  public Result run() throws Exception {
    warnOnFileDescriptorLimit();
    Burst burst = burst();
    try (ScaleCluster env = ScaleCluster.start(settings, "steady", log)) {
      HeapProbe heap = HeapProbe.ofCurrentJvm();
      long idleHeap = heap.usedAfterGc(env.apps.pid());
      log.printf("scale steady: apps leader (pid %d) used heap after GC, no apps: %.1f MB%n", env.apps.pid(),
          idleHeap / 1048576.0);
      StoreWriteProbe.Result probe = StoreWriteProbe.run(env.cluster.coordAddress(), 200,
          Math.max(1, settings.instances() / 16));
      log.printf("scale steady: one apps-store write (sequential, %d B): p50 %.2f ms / p99 %.2f ms into an empty "
              + "parent, p50 %.2f ms / p99 %.2f ms into a parent of %,d%n", probe.valueBytes(),
          probe.emptyParentMs().p50Ms(), probe.emptyParentMs().p99Ms(), probe.fullParentMs().p50Ms(),
          probe.fullParentMs().p99Ms(), probe.siblings());
      int waves = (settings.apps() + settings.waveApps() - 1) / settings.waveApps();
      long t0 = System.nanoTime();
      for (int w = 0; w < waves; w++) {
        int apps = Math.min(settings.waveApps(), settings.apps() - w * settings.waveApps());
        int total = Math.min(settings.instances(), (w + 1) * settings.waveApps() * settings.instancesPerApp());
        Launch l = deploy(env, String.format("/steady/wave-%03d", w), apps, settings.timeoutMs(), total);
        if (!l.completed()) {
          throw new IllegalStateException("wave " + w + " did not finish within " + settings.timeoutMs() / 1000 + " s");
        }
      }
      double wavesMs = ms(t0);
      log.printf("scale steady: %,d instances in %d waves of %d apps running after %.0f ms (%.0f instances/s)%n",
          settings.instances(), waves, settings.waveApps(), wavesMs, settings.instances() / (wavesMs / 1000));
      List<ApiLatency> latencies = new ArrayList<>();
      for (String path : List.of("/v2/apps", "/v2/apps?embed=apps.tasks")) latencies.add(measureApi(env.api, path));
      long usedHeap = heap.usedAfterGc(env.apps.pid());
      log.printf("scale steady: apps leader used heap after GC with everything running: %.1f MB%n",
          usedHeap / 1048576.0);
      return new Result(settings, burst, waves, wavesMs, latencies, idleHeap, usedHeap, probe,
          env.taskStats.updatesSent.get(), env.taskStats.updatesFailed.get(), env.taskStats.acks.get(),
          env.taskStats.kills.get(), SimulatedAgent.describe(env.agentStats));
    }
  }

  /** Figure 1 in a fresh environment: one {@code POST /v2/groups} of every app, after a warm-up group. */
  private Burst burst() throws Exception {
    try (ScaleCluster env = ScaleCluster.start(settings, "burst", log)) {
      double warmupMs = 0;
      if (settings.warmupApps() > 0) {
        long w0 = System.nanoTime();
        Launch w = deploy(env, "/warmup", settings.warmupApps(), settings.timeoutMs(),
            settings.warmupApps() * settings.instancesPerApp());
        if (!w.completed()) throw new IllegalStateException("the warm-up group did not finish");
        expect(env.api.delete("/v2/groups/warmup?force=true"), 200, "DELETE /v2/groups/warmup");
        LocalCluster.await("the warm-up tasks end", settings.timeoutMs(), POLL_MS,
            () -> env.read(c -> c.tasks().size()) == 0);
        awaitNoDeployments(env.api);
        warmupMs = ms(w0);
        log.printf("scale burst: warm-up (%d apps × %d instances deployed and removed) took %.0f ms%n",
            settings.warmupApps(), settings.instancesPerApp(), warmupMs);
      }
      Launch launch = deploy(env, "/bench", settings.apps(), settings.burstTimeoutMs(), settings.instances());
      long disconnects = env.appsLogLines("is not subscribed; SUBSCRIBE again");
      long refusedReconciles = env.appsLogLines("RECONCILE was rejected by the master with HTTP 413");
      if (launch.completed()) {
        log.printf("scale burst: %,d instances of %,d apps running after %.0f ms: %.0f instances/s%n",
            settings.instances(), settings.apps(), launch.allRunningInApiMs(),
            launch.instancesPerSecond(settings.instances()));
      } else {
        log.printf("scale burst: NOT finished after %.0f s: %,d of %,d tasks RUNNING at the master%n",
            settings.burstTimeoutMs() / 1000.0, launch.runningAtMasterAtEnd(), settings.instances());
      }
      log.printf("scale burst: POST answered %.0f ms, first task at the master %.0f ms, all launched %.0f ms, all "
              + "RUNNING at the master %.0f ms, deployment done %.0f ms; %d agents used; apps leader log: %d "
              + "'not subscribed' refusals, %d RECONCILE calls refused with 413%n", launch.postMs(),
          launch.firstLaunchedMs(), launch.allLaunchedMs(), launch.allRunningAtMasterMs(), launch.deploymentDoneMs(),
          launch.agentsUsed(), disconnects, refusedReconciles);
      return new Burst(warmupMs, env.agentsRegisteredMs, launch, disconnects, refusedReconciles);
    }
  }

  /**
   * {@code POST /v2/groups} of {@code apps} apps under {@code group}, then waits until the deployment is gone and
   * {@code GET /v2/apps} counts its instances running, or {@code timeoutMs} passed (then the result is not
   * completed). Milestones sampled from the master every {@value #POLL_MS} ms on its loop; a milestone never reached
   * is -1. {@code masterTotal}: the tasks the master should hold once this group runs.
   */
  private Launch deploy(ScaleCluster env, String group, int apps, long timeoutMs, int masterTotal) throws Exception {
    int want = apps * settings.instancesPerApp();
    JsonNode body = AppsApi.group(group, apps, settings.instancesPerApp(), settings.appCpus(), settings.appMemMb());
    int before = env.read(c -> c.tasks().size());
    long t0 = System.nanoTime();
    AppsApi.Response created = env.api.post("/v2/groups", body);
    double postMs = ms(t0);
    expect(created, 201, "POST /v2/groups " + group);
    String deploymentId = created.json().path("deploymentId").asText();
    double firstLaunched = -1;
    double allLaunched = -1;
    double allRunningMaster = -1;
    double deploymentDone = -1;
    long deadline = t0 + timeoutMs * 1_000_000;
    int lastLogged = 0;
    int runningAtMaster = 0;
    while (true) {
      if (allRunningMaster < 0) {
        int[] counts = env.read(c -> new int[] {c.tasks().size(), ScaleCluster.running(c)});
        runningAtMaster = counts[1] - before;
        if (firstLaunched < 0 && counts[0] > before) firstLaunched = ms(t0);
        if (allLaunched < 0 && counts[0] >= masterTotal) allLaunched = ms(t0);
        if (counts[1] >= masterTotal) allRunningMaster = ms(t0);
        if (want >= 5_000 && runningAtMaster - lastLogged >= want / 5) {
          lastLogged = runningAtMaster;
          log.printf("scale: %s: %,d of %,d tasks RUNNING at the master after %.0f ms%n", group, runningAtMaster,
              want, ms(t0));
        }
      } else {
        runningAtMaster = want;
      }
      if (System.nanoTime() > deadline) {
        return new Launch(postMs, firstLaunched, allLaunched, allRunningMaster, deploymentDone, -1,
            env.read(c -> (int) c.tasks().stream().map(Task::agentId).distinct().count()), runningAtMaster);
      }
      if (deploymentDone < 0) {
        AppsApi.Response d = env.api.get("/v2/deployments");
        if (d.status() == 200) {
          boolean present = false;
          for (JsonNode n : d.json()) present |= n.path("id").asText().equals(deploymentId);
          if (!present) deploymentDone = ms(t0);
        }
      }
      if (deploymentDone >= 0) {
        AppsApi.Response a = env.api.get("/v2/apps");
        if (a.status() == 200 && AppsApi.tasksRunning(a.json(), group + "/") >= want) {
          double apiMs = ms(t0);
          int agentsUsed = env.read(c -> (int) c.tasks().stream().map(Task::agentId).distinct().count());
          return new Launch(postMs, firstLaunched, allLaunched, allRunningMaster < 0 ? apiMs : allRunningMaster,
              deploymentDone, apiMs, agentsUsed, want);
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
