package io.drover.bench.scale;

import io.drover.bench.zk.Machine;
import java.util.Locale;

/** The scale-bench section of docs/benchmarks.md for one run: machine, settings, and each figure against its goal. */
public final class ScaleBenchReport {
  public static final double GOAL_INSTANCES_PER_S = 5_000;
  public static final double ANCHOR_INSTANCES_PER_S = 3_750; // Nomad C1M
  public static final double GOAL_P99_MS = 200;
  public static final double ANCHOR_P99_MS = 1_000; // Kubernetes API SLO
  public static final double GOAL_HEAP_MB = 512;

  private ScaleBenchReport() {}

  /** "**met**" or "**not met**". */
  static String verdict(boolean met) { return met ? "**met**" : "**not met**"; }

  public static String markdown(ScaleBench.Result r, Machine m, String date, String command) {
    ScaleBench.Settings s = r.settings();
    AppsLeaderMain.CoreSettings c = s.core();
    StringBuilder sb = new StringBuilder("### Latest run\n\n");
    sb.append(String.format(Locale.ROOT, "Run %s on %d cores (%s), %,d MB RAM, %s, %s; load average %s at the end. "
        + "Command: `%s`.%n%n", date, m.cpus(), m.cpuModel(), m.memoryMb(), m.kernel(), m.jdk(), m.loadAverage(),
        command));
    sb.append(String.format(Locale.ROOT, "%,d simulated agents (`%s` each) in the bench JVM with coord and the master; "
        + "the apps leader in its own JVM (`%s`). %,d apps × %d instances (`sleep 3600`, cpus %s, mem %d MB, one "
        + "host port) created with one `POST /v2/groups`, after a warm-up group of %d apps deployed and removed. "
        + "Apps core settings: launch tokens %,d per %,d ms (at most %,.0f launches/s), max instances per offer %d, "
        + "decline offer duration %,d ms.%n%n", s.agents(), s.agentResources(), String.join(" ", s.appsJvmOptions()),
        s.apps(), s.instancesPerApp(), trim(s.appCpus()), s.appMemMb(), s.warmupApps(), c.launchTokens(),
        c.launchTokenRefreshMs(), c.maxLaunchesPerSecond(), c.maxInstancesPerOffer(), c.declineOfferMs()));
    ScaleBench.Burst b = r.burst();
    ScaleBench.Launch l = b.launch();
    sb.append("| figure | result | goal | anchor | goal met |\n|---|---:|---:|---:|---|\n");
    if (l.completed()) {
      double rate = l.instancesPerSecond(s.instances());
      sb.append(String.format(Locale.ROOT, "| placing and starting %,d instances of %,d apps (one request) | %,.0f "
          + "instances/s (%,.1f s) | ≥ %,.0f/s | Nomad C1M ~%,.0f/s | %s |%n", s.instances(), s.apps(), rate,
          l.allRunningInApiMs() / 1000, GOAL_INSTANCES_PER_S, ANCHOR_INSTANCES_PER_S,
          verdict(rate >= GOAL_INSTANCES_PER_S)));
    } else {
      sb.append(String.format(Locale.ROOT, "| placing and starting %,d instances of %,d apps (one request) | did not "
          + "finish in %,.0f s (%,d RUNNING at the master) | ≥ %,.0f/s | Nomad C1M ~%,.0f/s | %s |%n", s.instances(),
          s.apps(), s.burstTimeoutMs() / 1000.0, l.runningAtMasterAtEnd(), GOAL_INSTANCES_PER_S,
          ANCHOR_INSTANCES_PER_S, verdict(false)));
    }
    sb.append(String.format(Locale.ROOT, "| same, in %d waves of %d apps, each waited for (informational) | %,.0f "
        + "instances/s (%,.1f s) | | | |%n", r.waves(), s.waveApps(), s.instances() / (r.wavesMs() / 1000),
        r.wavesMs() / 1000));
    for (ScaleBench.ApiLatency a : r.api()) {
      sb.append(String.format(Locale.ROOT, "| `GET %s` p50 / p99 (%,d bytes) | %.1f / %.1f ms | p99 < %.0f ms | "
          + "Kubernetes API SLO %.0f ms | %s |%n", a.path(), a.bytes(), a.latency().p50Ms(), a.latency().p99Ms(),
          GOAL_P99_MS, ANCHOR_P99_MS, verdict(a.latency().p99Ms() < GOAL_P99_MS)));
    }
    double heapMb = r.appsHeapUsedBytes() / 1048576.0;
    sb.append(String.format(Locale.ROOT, "| apps leader used heap after full GC, everything running | %.0f MB | "
        + "< %.0f MB | | %s |%n%n", heapMb, GOAL_HEAP_MB, verdict(heapMb < GOAL_HEAP_MB)));
    sb.append(String.format(Locale.ROOT, "Figure 1, milestones in ms after the request was sent (-1: not reached): "
        + "`POST /v2/groups` answered %.0f; first task at the master %.0f; all %,d launched %.0f; all RUNNING at "
        + "the master %.0f (the master takes RUNNING from the `latest_state` of each task's first update, "
        + "TASK_STARTING); deployment done %.0f; `GET /v2/apps` counts all running %.0f. Tasks on %,d of %,d agents."
        + " The apps leader's log shows %,d calls refused because the master had cut the framework off and %,d "
        + "RECONCILE calls refused with 413. Agents registered in %.0f ms; warm-up %.0f ms.%n%n",
        l.postMs(), l.firstLaunchedMs(), s.instances(), l.allLaunchedMs(), l.allRunningAtMasterMs(),
        l.deploymentDoneMs(), l.allRunningInApiMs(), l.agentsUsed(), s.agents(), b.frameworkRefusals(),
        b.reconcilesRefused(), b.agentsRegisteredMs(), b.warmupMs()));
    sb.append(String.format(Locale.ROOT, "Figures 2 and 3 (fresh environment, %,d instances of %,d apps running): "
        + "%,d GET requests per endpoint, one at a time, after %,d warm-up requests; the apps leader's used heap "
        + "was %.0f MB before any app. Its simulated agents sent %,d status updates (%,d failed), received %,d "
        + "acknowledgements and %,d kills; agent links: %s.%n", s.instances(), s.apps(), s.apiRequests(),
        s.apiWarmupRequests(), r.appsHeapIdleBytes() / 1048576.0, r.updatesSent(), r.updatesFailed(), r.acks(),
        r.kills(), r.agentProblems()));
    StoreWriteProbe.Result p = r.storeWrite();
    if (p != null) {
      sb.append(String.format(Locale.ROOT, "%nOne apps-store write as the apps leader does it (`ZkValueStore.write`: "
          + "exists, getChildren of the parent, fenced multi; %d B, sequential, coord with fsync): p50 %.2f / p99 "
          + "%.2f ms into an empty parent, p50 %.2f / p99 %.2f ms into a parent of %,d values.%n", p.valueBytes(),
          p.emptyParentMs().p50Ms(), p.emptyParentMs().p99Ms(), p.fullParentMs().p50Ms(), p.fullParentMs().p99Ms(),
          p.siblings()));
    }
    return sb.toString();
  }

  private static String trim(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
