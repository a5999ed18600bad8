package io.drover.cli;

import io.drover.coord.server.CoordConfig;
import io.drover.coord.server.CoordServer;
import io.drover.coord.server.Ensemble;
import io.drover.coord.server.Peers;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code drover coord}: a coordination server speaking the ZooKeeper protocol; standalone, or with {@code --id} and
 * {@code --peers} a member of a replicated (Zab) ensemble.
 */
@Command(name = "coord", mixinStandardHelpOptions = true,
    description = "Run a coordination server that ZooKeeper clients (Java client, Curator, kazoo, zkCli) use unchanged; "
        + "standalone, or with --id and --peers one member of a replicated ensemble.")
public final class CoordCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--id", description = "This server's id in --peers (ZooKeeper's myid).")
  Long id;

  @Option(names = "--peers", description = "The ensemble, the same on every server: "
      + "id=host:quorumPort:electionPort[:observer],... e.g. 1=h1:2888:3888,2=h2:2888:3888,3=h3:2888:3888. "
      + "Without it the server is standalone.")
  String peers;

  @Option(names = "--init-limit", defaultValue = "10", description = "Ticks a follower may take to connect and sync to a leader (default: ${DEFAULT-VALUE}).")
  int initLimit;

  @Option(names = "--read-only-mode", description = "While cut off from the quorum, serve reads to clients that "
      + "allow a read-only server (ZooKeeper's readonlymode.enabled); writes get NOTREADONLY.")
  boolean readOnlyMode;

  @Option(names = "--sync-limit", defaultValue = "5", description = "Ticks a follower may lag or be silent before it is dropped (default: ${DEFAULT-VALUE}).")
  int syncLimit;

  @Option(names = "--data-dir", defaultValue = "./drover-data/coord", description = "Txn logs and snapshots (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--client-port", defaultValue = "2181", description = "ZooKeeper client port (default: ${DEFAULT-VALUE}).")
  int clientPort;

  @Option(names = "--bind", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String bind;

  @Option(names = "--metrics-port", defaultValue = "7000", description = "Prometheus /metrics HTTP port; 0 turns it off (default: ${DEFAULT-VALUE}).")
  int metricsPort;

  @Option(names = "--tick-time", defaultValue = "2000", description = "tickTime in ms; session timeouts are clamped to [2, 20] ticks (default: ${DEFAULT-VALUE}).")
  int tickTimeMs;

  @Option(names = "--min-session-timeout", defaultValue = "0", description = "Minimum session timeout in ms (default: 2 ticks).")
  int minSessionTimeoutMs;

  @Option(names = "--max-session-timeout", defaultValue = "0", description = "Maximum session timeout in ms (default: 20 ticks).")
  int maxSessionTimeoutMs;

  @Option(names = "--max-client-cnxns", defaultValue = "60", description = "Connections allowed per client IP; 0 = no limit (default: ${DEFAULT-VALUE}).")
  int maxClientConnections;

  @Option(names = "--max-outstanding", defaultValue = "1000", description = "Requests a connection may have in flight before the server stops reading it (default: ${DEFAULT-VALUE}).")
  int maxOutstanding;

  @Option(names = "--jute-maxbuffer", defaultValue = "1048575", description = "Largest request frame in bytes (default: ${DEFAULT-VALUE}).")
  int juteMaxBuffer;

  @Option(names = "--no-fsync", description = "Do not fsync the txn log (forceSync=no): faster, but a machine crash can lose acknowledged writes.")
  boolean noFsync;

  @Option(names = "--snap-count", defaultValue = "100000", description = "Take a snapshot after about this many txns (default: ${DEFAULT-VALUE}).")
  int snapCount;

  @Option(names = "--snap-retain-count", defaultValue = "3", description = "Snapshots (and the logs they need) kept on disk, at least 3 (default: ${DEFAULT-VALUE}).")
  int snapRetainCount;

  @Option(names = "--container-check-interval", defaultValue = "60000", description = "ms between sweeps for empty containers and expired TTL nodes (default: ${DEFAULT-VALUE}).")
  long containerCheckIntervalMs;

  @Option(names = "--4lw-whitelist", defaultValue = "ruok,srvr,stat,mntr,envi,conf,cons,wchs,isro", split = ",",
      description = "Four-letter words answered on the client port; * for all (default: ${DEFAULT-VALUE}).")
  String[] fourLetterWords;

  CoordConfig config() {
    return CoordConfig.builder(dataDir, clientPort)
        .serverId(id == null ? 1 : id)
        .bindAddress(bind)
        .metricsPort(metricsPort)
        .tickTimeMs(tickTimeMs)
        .minSessionTimeoutMs(minSessionTimeoutMs)
        .maxSessionTimeoutMs(maxSessionTimeoutMs)
        .maxClientConnections(maxClientConnections)
        .maxOutstandingPerConnection(maxOutstanding)
        .juteMaxBuffer(juteMaxBuffer)
        .forceSync(!noFsync)
        .snapCount(snapCount)
        .snapRetainCount(snapRetainCount)
        .containerCheckIntervalMs(containerCheckIntervalMs)
        .fourLetterWords(new LinkedHashSet<>(Arrays.asList(fourLetterWords)))
        .build();
  }

  /** The ensemble of --peers, or null for a standalone server. */
  Ensemble ensemble() {
    if (peers == null) {
      if (id != null) throw new IllegalArgumentException("--id " + id + " needs --peers (the ensemble it belongs to)");
      return null;
    }
    if (id == null) throw new IllegalArgumentException("--peers needs --id (which of the peers this server is)");
    Peers parsed = Peers.parse(peers);
    parsed.require(id);
    return new Ensemble(parsed, initLimit, syncLimit, Ensemble.DEFAULT_MAX_OUTSTANDING_PROPOSALS, readOnlyMode);
  }

  @Override public Integer call() throws Exception {
    CoordConfig config;
    Ensemble ensemble;
    try {
      config = config();
      ensemble = ensemble();
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("drover coord: " + e.getMessage());
      return 2;
    }
    CoordServer server = Roles.startOrExplain("coord",
        () -> ensemble == null ? CoordServer.start(config) : CoordServer.startEnsemble(config, ensemble));
    if (server == null) return 1;
    Roles.closeOnShutdown(server);
    System.out.println("coord: ZooKeeper clients can connect to " + config.bindAddress() + ":" + server.clientPort()
        + (ensemble == null ? "" : " (server " + id + " of " + ensemble.peers().all().size()
            + "; it serves once it has joined a quorum)"));
    Exception failure = server.awaitTermination();
    return failure == null ? 0 : 1;
  }
}
