package io.drover.bench.zk;

import java.io.IOException;
import java.io.PrintStream;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.zookeeper.KeeperException;

/**
 * The {@code zk} benchmark: for each read ratio, ZooKeeper then coord, each on a fresh child JVM
 * with a fresh data dir (so no log or snapshot carries over); then, on fresh servers again, the
 * heap retained per 100k znodes. Servers are always killed and their dirs deleted.
 */
public final class ZkBench {
  public record Plan(LoadGenerator.Settings load, List<Integer> readPercents, List<Peer> peers,
      int heapZnodes, int heapValueBytes, Servers.Launch launch, String command) {
    public Plan {
      readPercents = List.copyOf(readPercents);
      peers = List.copyOf(peers);
    }
  }

  private final Plan plan;
  private final PrintStream log;

  public ZkBench(Plan plan, PrintStream log) {
    this.plan = plan;
    this.log = log;
  }

  public Report run() throws IOException, InterruptedException, KeeperException {
    // Taken before any load: the load average then shows what else is using the machine.
    ZonedDateTime started = ZonedDateTime.now();
    Machine machine = Machine.current();
    Map<String, Map<Integer, LoadGenerator.Result>> results = new LinkedHashMap<>();
    for (int readPercent : plan.readPercents()) {
      for (Peer peer : plan.peers()) {
        LoadGenerator.Result r = load(peer, plan.load().withReadPercent(readPercent));
        results.computeIfAbsent(peer.name(), k -> new LinkedHashMap<>()).put(readPercent, r);
      }
    }
    Map<String, HeapProbe.HeapUsage> heap = new LinkedHashMap<>();
    if (plan.heapZnodes() > 0) {
      for (Peer peer : plan.peers()) heap.put(peer.name(), heap(peer));
    }
    return new Report(started, machine, plan.load(),
        String.join(" ", plan.launch().jvmOptions()), plan.command(), plan.readPercents(), results, heap);
  }

  private LoadGenerator.Result load(Peer peer, LoadGenerator.Settings settings)
      throws IOException, InterruptedException, KeeperException {
    try (RunningServer server = Servers.start(peer, plan.launch())) {
      log.printf("%s (pid %d, port %d): %d%% reads, setting up %d znodes...%n",
          peer.label(), server.pid(), server.port(), settings.readPercent(), settings.keys());
      LoadGenerator gen = new LoadGenerator(server.connectString(), settings);
      LoadGenerator.Result r;
      try {
        gen.setup();
        log.printf("  warm-up %.1f s, measuring %.1f s%n", settings.warmupMs() / 1000.0, settings.durationMs() / 1000.0);
        r = gen.run();
      } catch (IOException | KeeperException | RuntimeException e) {
        throw new IOException(peer.label() + " run failed: " + e.getMessage() + "\n--- last lines of its log ---\n"
            + server.logTail(40), e);
      }
      if (!server.process().isAlive()) {
        throw new IOException(peer.label() + " died during the run:\n" + server.logTail(40));
      }
      log.printf("  %,.0f ops/s, p50 %.2f ms, p99 %.2f ms, p999 %.2f ms, max %.2f ms, errors %d%n",
          r.opsPerSec(), r.p50Ms(), r.p99Ms(), r.p999Ms(), r.maxMs(), r.errors());
      return r;
    }
  }

  private HeapProbe.HeapUsage heap(Peer peer) throws IOException, InterruptedException, KeeperException {
    try (RunningServer server = Servers.start(peer, plan.launch())) {
      log.printf("%s (pid %d): heap with %,d znodes of %d bytes...%n",
          peer.label(), server.pid(), plan.heapZnodes(), plan.heapValueBytes());
      HeapProbe.HeapUsage h;
      try {
        h = HeapProbe.ofCurrentJvm().measure(server, plan.heapZnodes(), plan.heapValueBytes());
      } catch (IOException | KeeperException | RuntimeException e) {
        throw new IOException(peer.label() + " heap probe failed: " + e.getMessage() + "\n--- last lines of its log ---\n"
            + server.logTail(40), e);
      }
      log.printf("  used %.1f MB -> %.1f MB: %.1f MB per 100k znodes%n", h.beforeBytes() / 1048576.0,
          h.afterBytes() / 1048576.0, h.mbPer100kZnodes());
      return h;
    }
  }
}
