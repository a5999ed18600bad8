package io.drover.bench.master;

import io.drover.agent.node.Agent;
import io.drover.agent.node.AgentConfig;
import io.drover.agent.node.AgentConfig.ContainerizerType;
import io.drover.agent.node.AgentTasksFactory;
import io.drover.master.cluster.AgentStatus;
import io.drover.master.server.Master;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Offer-to-TASK_RUNNING latency of process tasks: in-process coord, one master (default flags, so the allocation
 * interval is 1 s), one real agent with the process containerizer and generous resources, and a framework on the real
 * scheduler client ({@link LaunchFramework}). For each batch size, {@code tasks} tasks are launched in sequential
 * rounds of that many tasks on one offer; a task's latency runs from the OFFERS event it was launched from reaching the
 * scheduler to its TASK_RUNNING update reaching the scheduler, so the wait for the next allocation is not in it. What
 * is in it: the ACCEPT call, the master's validation and LAUNCH to the agent, the agent forking the task (a shell
 * running {@code exec sleep 60}), the agent's RUNNING update, the master forwarding it, and the scheduler decoding it.
 * Each batch size gets a fresh framework; its tasks are killed at the end.
 */
public final class LaunchLatencyBench {
  /**
   * @param tasks tasks launched per batch size
   * @param batchSizes tasks per offer, e.g. 1 and 10
   * @param agentResources the agent's {@code --resources}
   */
  public record Settings(int tasks, List<Integer> batchSizes, String agentResources) {
    public Settings {
      if (tasks < 1) throw new IllegalArgumentException("--launch-tasks must be at least 1, not " + tasks);
      batchSizes = List.copyOf(batchSizes);
      if (batchSizes.isEmpty()) throw new IllegalArgumentException("--launch-batches names no batch size");
      for (int b : batchSizes) {
        if (b < 1 || b > tasks) {
          throw new IllegalArgumentException("--launch-batches: " + b + " is not between 1 and --launch-tasks " + tasks);
        }
      }
    }
  }

  /** One batch size's latencies over {@code tasks} tasks in {@code rounds} offers. */
  public record Mode(int batchSize, int tasks, int rounds, LatencySummary latency) {}

  public record Result(Settings settings, List<Mode> modes) {}

  static final String TASK_COMMAND = "exec sleep 60";
  private static final Duration ROUND_TIMEOUT = Duration.ofSeconds(60);

  private final Settings settings;
  private final PrintStream log;

  public LaunchLatencyBench(Settings settings, PrintStream log) {
    this.settings = settings;
    this.log = log;
  }

  public Result run() throws Exception {
    try (LocalCluster cluster = LocalCluster.start("launch")) {
      Master master = cluster.startMaster();
      LocalCluster.await("the master leads", 30_000, 10, master::isLeader);
      AgentConfig agentConfig = AgentConfig.builder(cluster.zk(), cluster.dir().resolve("agent")).port(0)
          .bindAddress(LocalCluster.LOOPBACK).hostname(LocalCluster.LOOPBACK).resources(settings.agentResources())
          .containerizers(Set.of(ContainerizerType.PROCESS)).build();
      Agent agent = Agent.start(agentConfig, AgentTasksFactory.taskEngine());
      try {
        LocalCluster.await("the agent registers", 30_000, 10, () -> agent.agentId().isPresent()
            && master.readCore(c -> c.agentStatus(agent.agentId().get()).orElse(null)).join() == AgentStatus.REGISTERED);
        String endpoint = "http://" + LocalCluster.LOOPBACK + ":" + master.port();
        List<Mode> modes = new ArrayList<>();
        for (int batch : settings.batchSizes()) modes.add(runMode(endpoint, batch));
        return new Result(settings, modes);
      } finally {
        agent.close();
      }
    }
  }

  private Mode runMode(String endpoint, int batch) throws Exception {
    int rounds = (settings.tasks() + batch - 1) / batch;
    List<Double> latenciesMs = new ArrayList<>();
    try (LaunchFramework fw = new LaunchFramework(endpoint, "drover-bench-launch-" + batch, TASK_COMMAND)) {
      fw.awaitSubscribed(Duration.ofSeconds(30));
      int launched = 0;
      for (int r = 0; r < rounds; r++) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < batch && launched < settings.tasks(); i++, launched++) {
          ids.add("b" + batch + "-t" + launched);
        }
        latenciesMs.addAll(fw.round(ids, ROUND_TIMEOUT));
        if ((r + 1) % Math.max(1, rounds / 10) == 0) {
          log.printf("launch batch %2d: %d/%d tasks running%n", batch, launched, settings.tasks());
        }
      }
      int left = fw.killAll(Duration.ofSeconds(60));
      if (left > 0) log.printf("launch batch %2d: %d tasks did not report an end within 60 s of KILL%n", batch, left);
    }
    LatencySummary summary = LatencySummary.ofMs(latenciesMs);
    log.printf("launch batch %2d: %d tasks, p50 %.1f ms  p90 %.1f ms  p99 %.1f ms  max %.1f ms%n", batch,
        summary.count(), summary.p50Ms(), summary.p90Ms(), summary.p99Ms(), summary.maxMs());
    return new Mode(batch, latenciesMs.size(), rounds, summary);
  }
}
