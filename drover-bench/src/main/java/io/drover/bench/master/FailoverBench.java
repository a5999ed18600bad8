package io.drover.bench.master;

import io.drover.master.cluster.AgentStatus;
import io.drover.master.cluster.ClusterCore;
import io.drover.master.ha.MasterDetector;
import io.drover.master.ha.ZkClients;
import io.drover.master.server.Master;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;

/**
 * Time for {@code agents} simulated agents ({@link SimulatedAgent}) to re-register after a master failover:
 * in-process coord and two masters (the first elected first), the agents registered with the first, each then
 * reporting {@code tasksPerAgent} running tasks when it re-registers. The first master is closed (its ZooKeeper
 * session ends and its streams drop, as in a crash) and the clock runs from that moment until the second master,
 * polled on its loop, counts every agent as REGISTERED. Also measured: until the second master was elected and had
 * recovered the registry (serving), and each agent's own SUBSCRIBED from the new leader.
 *
 * <p>The agents find the leader through one shared {@link MasterDetector} (the real agent has its own; one ZooKeeper
 * session per simulated agent would cost more than the masters) and share one {@link HttpClient} on virtual threads:
 * two sockets per agent (stream and heartbeats), both ends in this JVM.
 */
public final class FailoverBench {
  /**
   * @param agents simulated agents
   * @param tasksPerAgent running tasks each reports on re-registration
   * @param backoffMs the agents' initial registration backoff bound (the real agent's default: 1000)
   */
  public record Settings(int agents, int tasksPerAgent, long backoffMs) {
    public Settings {
      if (agents < 1) throw new IllegalArgumentException("--failover-agents must be at least 1, not " + agents);
      if (tasksPerAgent < 0) throw new IllegalArgumentException("--failover-tasks-per-agent must not be negative");
      if (backoffMs < 2) throw new IllegalArgumentException("--failover-backoff-ms must be at least 2, not " + backoffMs);
    }
  }

  /**
   * @param initialRegistrationMs all agents registered with the first master (informational; not the measurement)
   * @param closeMs how long the first master's close() took (the streams end during it)
   * @param streamEndedMs when each agent saw its stream from the first master end, from the crash
   * @param electedMs from the crash until the second master leads and has recovered the registry
   * @param allReregisteredMs from the crash until the second master has every agent REGISTERED
   * @param perAgentMs each agent's SUBSCRIBED from the second master, from the crash
   * @param tasksOnNewLeader tasks the second master knows once all agents are back
   */
  public record Result(Settings settings, double initialRegistrationMs, double closeMs,
      LatencySummary streamEndedMs, double electedMs, double allReregisteredMs,
      LatencySummary perAgentMs, int tasksOnNewLeader, long unavailableAnswers, long redirects,
      long connectFailures) {}

  private static final String AGENT_RESOURCES = "cpus:8;mem:16384;disk:100000;ports:[31000-32000]";
  private static final long REGISTRATION_TIMEOUT_MS = 600_000;
  private static final long FAILOVER_TIMEOUT_MS = 300_000;

  private final Settings settings;
  private final PrintStream log;

  public FailoverBench(Settings settings, PrintStream log) {
    this.settings = settings;
    this.log = log;
  }

  public Result run() throws Exception {
    warnOnFileDescriptorLimit();
    try (LocalCluster cluster = LocalCluster.start("failover");
        ExecutorService httpExecutor = Executors.newVirtualThreadPerTaskExecutor();
        HttpClient http = HttpClient.newBuilder().executor(httpExecutor).version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build()) {
      Master first = cluster.startMaster();
      LocalCluster.await("the first master leads", 30_000, 10, first::isLeader);
      Master second = cluster.startMaster();
      CuratorFramework zk = ZkClients.newClient(cluster.zkUrl(), ZkClients.DEFAULT_SESSION_TIMEOUT);
      ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("sim-agent-heartbeats").daemon().factory());
      List<SimulatedAgent> agents = new ArrayList<>();
      try (MasterDetector detector = new MasterDetector(zk, cluster.zkUrl().path())) {
        zk.start();
        if (!zk.blockUntilConnected(10, TimeUnit.SECONDS)) throw new IllegalStateException("bench cannot reach coord");
        detector.start();
        SimulatedAgent.Settings agentSettings = new SimulatedAgent.Settings(AGENT_RESOURCES, settings.tasksPerAgent(),
            settings.backoffMs(), 60_000);
        SimulatedAgent.Stats stats = new SimulatedAgent.Stats();
        for (int i = 0; i < settings.agents(); i++) {
          agents.add(new SimulatedAgent(i, agentSettings, http, timer, () -> leaderUri(detector), stats, 42L + i));
        }
        long startNanos = System.nanoTime();
        for (SimulatedAgent a : agents) a.start();
        LocalCluster.await(settings.agents() + " agents register with the first master", REGISTRATION_TIMEOUT_MS, 50,
            () -> registered(first) == settings.agents() && agents.stream().allMatch(a -> a.subscriptions() == 1));
        double initialMs = (System.nanoTime() - startNanos) / 1e6;
        log.printf("failover: %d agents registered with the first master in %.0f ms%n", settings.agents(), initialMs);
        long unavailableBefore = stats.unavailable.get();
        long redirectsBefore = stats.redirects.get();
        long connectFailuresBefore = stats.connectFailures.get();

        int firstPort = first.port();
        stats.failureKinds.clear();
        long crashNanos = System.nanoTime();
        long[] closedNanos = new long[1];
        Thread closer = Thread.ofPlatform().name("close-first-master").start(() -> {
          first.close();
          closedNanos[0] = System.nanoTime();
        });
        long electedNanos = 0;
        long allNanos = 0;
        long nextCountNanos = 0;
        long deadline = crashNanos + FAILOVER_TIMEOUT_MS * 1_000_000;
        while (allNanos == 0) {
          long now = System.nanoTime();
          if (now > deadline) {
            throw new IllegalStateException("after " + FAILOVER_TIMEOUT_MS / 1000 + " s only " + registered(second)
                + " of " + settings.agents() + " agents had re-registered (second master leading: "
                + second.isLeader() + ")");
          }
          if (electedNanos == 0 && second.isLeader()) electedNanos = now;
          if (electedNanos != 0 && now >= nextCountNanos) {
            if (registered(second) == settings.agents()) allNanos = System.nanoTime();
            nextCountNanos = now + 10_000_000;
          }
          Thread.sleep(2);
        }
        closer.join();
        double closeMs = (closedNanos[0] - crashNanos) / 1e6;
        List<Double> perAgent = new ArrayList<>();
        List<Double> streamEnds = new ArrayList<>();
        for (SimulatedAgent a : agents) {
          if (a.subscriptions() >= 2) perAgent.add((a.subscribedNanos() - crashNanos) / 1e6);
          if (a.streamEndedNanos() >= crashNanos) streamEnds.add((a.streamEndedNanos() - crashNanos) / 1e6);
        }
        int tasks = second.readCore(c -> c.tasks().size()).get(30, TimeUnit.SECONDS);
        Result r = new Result(settings, initialMs, closeMs, LatencySummary.ofMs(streamEnds),
            (electedNanos - crashNanos) / 1e6, (allNanos - crashNanos) / 1e6, LatencySummary.ofMs(perAgent), tasks, stats.unavailable.get() - unavailableBefore,
            stats.redirects.get() - redirectsBefore, stats.connectFailures.get() - connectFailuresBefore);
        log.printf("failover: first master closed in %.0f ms; agents' streams ended p50 %.0f / max %.0f ms%n",
            closeMs, r.streamEndedMs().p50Ms(), r.streamEndedMs().maxMs());
        log.printf("failover: second master serving after %.0f ms; all %d agents re-registered after %.0f ms "
                + "(per agent p50 %.0f / p99 %.0f ms; %d tasks on the new leader; %d 503 answers)%n", r.electedMs(),
            settings.agents(), r.allReregisteredMs(), r.perAgentMs().p50Ms(), r.perAgentMs().p99Ms(),
            r.tasksOnNewLeader(), r.unavailableAnswers());
        if (!stats.failureKinds.isEmpty()) {
          log.printf("failover: failed connections by kind (first master on port %d, second on %d): %s%n",
              firstPort, second.port(), stats.failureKinds);
        }
        return r;
      } finally {
        for (SimulatedAgent a : agents) a.close();
        timer.shutdownNow();
        zk.close();
      }
    }
  }

  private static Optional<URI> leaderUri(MasterDetector detector) {
    return detector.leader().map(l -> URI.create("http://" + l.info().hostname() + ":" + l.info().port() + "/"));
  }

  /** Agents the master counts as REGISTERED (read on its loop). */
  private static int registered(Master m) {
    try {
      return m.readCore(FailoverBench::registeredCount).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      return -1; // a stopping master's loop refuses reads: it counts as having no agents, and the poll goes on
    }
  }

  private static int registeredCount(ClusterCore core) {
    int n = 0;
    for (String id : core.agentInfos().keySet()) {
      if (core.agentStatus(id).orElse(null) == AgentStatus.REGISTERED) n++;
    }
    return n;
  }

  /** Each agent holds two sockets, and both ends live in this JVM. */
  private void warnOnFileDescriptorLimit() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os) {
      long need = 4L * settings.agents() + 1_000;
      if (os.getMaxFileDescriptorCount() < need) {
        log.printf("failover: warning: the file descriptor limit %d is below the ~%d this run needs (ulimit -n)%n",
            os.getMaxFileDescriptorCount(), need);
      }
    }
  }
}
