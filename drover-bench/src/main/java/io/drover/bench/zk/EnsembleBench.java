package io.drover.bench.zk;

import java.io.IOException;
import java.io.PrintStream;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.zookeeper.KeeperException;

/**
 * The {@code ensemble} benchmark: for each read ratio, a ZooKeeper ensemble then a coord ensemble
 * (fresh JVMs and data dirs each, clients spread evenly over the members); then, repeated, the
 * failover time after kill -9 of the leader under a steady write load, again on fresh ensembles,
 * the two sides alternating. Before measuring anything, each side is started once as an ensemble so a
 * side that cannot form one fails the run at once. Ensembles are always killed and their dirs deleted.
 */
public final class EnsembleBench {
  public record Plan(int size, LoadGenerator.Settings load, List<Integer> readPercents, List<Peer> peers,
      Placement.QuorumTiming timing, FailoverProbe.Settings failover, int failoverReps, Servers.Launch launch,
      String command) {
    public Plan {
      readPercents = List.copyOf(readPercents);
      peers = List.copyOf(peers);
      if (size < 1) throw new IllegalArgumentException("ensemble size must be >= 1");
      if (failoverReps < 0) throw new IllegalArgumentException("failoverReps must be >= 0");
      if (failoverReps > 0 && size < 3) throw new IllegalArgumentException("failover needs at least 3 servers");
    }
  }

  private final Plan plan;
  private final PrintStream log;

  public EnsembleBench(Plan plan, PrintStream log) {
    this.plan = plan;
    this.log = log;
  }

  public EnsembleReport run() throws IOException, InterruptedException, KeeperException {
    ZonedDateTime started = ZonedDateTime.now();
    Machine machine = Machine.current();
    // coord first: a coord without ensemble support should stop the run before any ZooKeeper work.
    for (Peer peer : plan.peers()) if (peer instanceof Peer.Coord) preflight(peer);
    for (Peer peer : plan.peers()) if (!(peer instanceof Peer.Coord)) preflight(peer);
    Map<String, Map<Integer, LoadGenerator.Result>> results = new LinkedHashMap<>();
    for (int readPercent : plan.readPercents()) {
      for (Peer peer : plan.peers()) {
        LoadGenerator.Result r = load(peer, plan.load().withReadPercent(readPercent));
        results.computeIfAbsent(peer.name(), k -> new LinkedHashMap<>()).put(readPercent, r);
      }
    }
    Map<String, List<FailoverProbe.Outcome>> failovers = new LinkedHashMap<>();
    for (int rep = 1; rep <= plan.failoverReps(); rep++) {
      for (Peer peer : plan.peers()) {
        failovers.computeIfAbsent(peer.name(), k -> new ArrayList<>()).add(failover(peer, rep));
      }
    }
    return new EnsembleReport(started, machine, plan, results, failovers);
  }

  private void preflight(Peer peer) throws IOException, InterruptedException {
    log.printf("%s: starting a %d-server ensemble once to check it forms...%n", peer.label(), plan.size());
    try (RunningEnsemble e = Servers.startEnsemble(peer, plan.size(), plan.timing(), plan.launch())) {
      log.printf("  ok, leader is server %d%n", e.awaitLeader(1_000));
    }
  }

  private LoadGenerator.Result load(Peer peer, LoadGenerator.Settings settings)
      throws IOException, InterruptedException {
    try (RunningEnsemble ensemble = Servers.startEnsemble(peer, plan.size(), plan.timing(), plan.launch())) {
      log.printf("%s ensemble (%s): %d%% reads, setting up %d znodes...%n", peer.label(),
          pids(ensemble), settings.readPercent(), settings.keys());
      LoadGenerator gen = new LoadGenerator(ensemble.memberConnectStrings(), settings);
      LoadGenerator.Result r;
      try {
        gen.setup();
        log.printf("  warm-up %.1f s, measuring %.1f s%n", settings.warmupMs() / 1000.0, settings.durationMs() / 1000.0);
        r = gen.run();
        ensemble.failIfAnyExited();
      } catch (IOException | KeeperException | RuntimeException e) {
        throw new IOException(peer.label() + " ensemble run failed: " + e.getMessage() + "\n"
            + ensemble.describeFailure(), e);
      }
      log.printf("  %,.0f ops/s, p50 %.2f ms, p99 %.2f ms, p999 %.2f ms, max %.2f ms, errors %d%n",
          r.opsPerSec(), r.p50Ms(), r.p99Ms(), r.p999Ms(), r.maxMs(), r.errors());
      return r;
    }
  }

  private FailoverProbe.Outcome failover(Peer peer, int rep) throws IOException, InterruptedException {
    try (RunningEnsemble ensemble = Servers.startEnsemble(peer, plan.size(), plan.timing(), plan.launch())) {
      log.printf("%s ensemble (%s): failover %d/%d, %d writers, steady %.1f s, then kill -9 of the leader...%n",
          peer.label(), pids(ensemble), rep, plan.failoverReps(), plan.failover().clients(),
          plan.failover().steadyMs() / 1000.0);
      FailoverProbe.Outcome o;
      try {
        o = new FailoverProbe(plan.failover()).measure(ensemble);
      } catch (IOException | KeeperException | RuntimeException e) {
        throw new IOException(peer.label() + " failover run failed: " + e.getMessage() + "\n"
            + ensemble.describeFailure(), e);
      }
      log.printf("  killed leader %d, new leader %d; first write after the kill per client (ms): %s%s%n",
          o.killedLeaderId(), o.newLeaderId(), o.recoveredMs().stream().map(EnsembleReport::fmt1).toList(),
          o.unrecoveredClients() > 0 ? "; " + o.unrecoveredClients() + " clients did not recover" : "");
      return o;
    }
  }

  private static String pids(RunningEnsemble ensemble) {
    return "pids " + String.join(",", ensemble.servers().stream().map(s -> Long.toString(s.pid())).toList());
  }
}
