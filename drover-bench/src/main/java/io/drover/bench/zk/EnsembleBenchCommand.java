package io.drover.bench.zk;

import io.drover.bench.MarkedSection;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code drover-bench ensemble}, run through {@code drover-bench/run-ensemble-bench}; see docs/benchmarks.md. */
@Command(name = "ensemble", mixinStandardHelpOptions = true,
    description = "3-server coord ensemble vs 3-server Apache ZooKeeper ensemble (separate JVMs, fsync on): ops/s and "
        + "p50/p99 per read ratio, and failover time after kill -9 of the leader; writes the ensemble-bench section of --out.")
public final class EnsembleBenchCommand implements Callable<Integer> {
  enum Only { zookeeper, coord }

  @Mixin LoadOptions loadOptions;
  @Option(names = "--quick", description = "smoke run: warm-up 2 s, measured 5 s, 3 failover repetitions")
  boolean quick;
  @Option(names = "--servers", defaultValue = "3", description = "servers per ensemble (default ${DEFAULT-VALUE})")
  int servers;
  @Option(names = "--clients", defaultValue = "18", description = "client sessions, spread evenly over the servers (default ${DEFAULT-VALUE})")
  int clients;
  @Option(names = "--only", description = "run one side only: zookeeper or coord")
  Only only;
  @Option(names = "--failover-reps", defaultValue = "5", description = "leader kills per side; 0 skips failover (default ${DEFAULT-VALUE})")
  int failoverReps;
  @Option(names = "--failover-clients", defaultValue = "6", description = "writing sessions during failover (default ${DEFAULT-VALUE})")
  int failoverClients;
  @Option(names = "--failover-steady-s", defaultValue = "3", description = "steady writes before the kill (default ${DEFAULT-VALUE})")
  double failoverSteadyS;
  @Option(names = "--failover-timeout-s", defaultValue = "60", description = "wait this long for every client's first write after the kill (default ${DEFAULT-VALUE})")
  int failoverTimeoutS;
  @Option(names = "--session-timeout-ms", defaultValue = "30000", description = "client session timeout, both sides (default ${DEFAULT-VALUE})")
  int sessionTimeoutMs;
  @Option(names = "--tick-time-ms", defaultValue = "2000", description = "tickTime, both sides (default ${DEFAULT-VALUE})")
  int tickTimeMs;
  @Option(names = "--init-limit", defaultValue = "10", description = "initLimit in ticks, both sides (default ${DEFAULT-VALUE})")
  int initLimit;
  @Option(names = "--sync-limit", defaultValue = "5", description = "syncLimit in ticks, both sides (default ${DEFAULT-VALUE})")
  int syncLimit;
  @Option(names = "--server-jvm-opts", defaultValue = "-Xmx512m -Xms512m -XX:+UseG1GC",
      description = "JVM options for every server child (default ${DEFAULT-VALUE})")
  String serverJvmOpts;
  @Option(names = "--coord-main", defaultValue = Peer.Coord.DEFAULT_MAIN,
      description = "main class run as `<main> coord --id N --data-dir D --client-port P --peers … --bind 127.0.0.1 "
          + "--metrics-port 0 --tick-time MS` (default ${DEFAULT-VALUE})")
  String coordMain;
  @Option(names = "--coord-args", defaultValue = "", description = "extra arguments appended to every coord member's command line, "
      + "e.g. --coord-args='--read-only-mode' (with '=' since the value starts with --)")
  String coordArgs;
  @Option(names = "--ready-timeout-s", defaultValue = "90", description = "wait this long for an ensemble to serve with a leader (default ${DEFAULT-VALUE})")
  int readyTimeoutS;
  @Option(names = "--out", defaultValue = "docs/benchmarks.md", description = "document whose ensemble-bench section is rewritten (default ${DEFAULT-VALUE}); '-' for none")
  String out;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override public Integer call() throws Exception {
    long warmupMs = Math.round((quick ? 2 : loadOptions.warmupS()) * 1000);
    long durationMs = Math.round((quick ? 5 : loadOptions.durationS()) * 1000);
    int reps = quick ? Math.min(3, failoverReps) : failoverReps;
    LoadGenerator.Settings load = loadOptions.settings(spec, clients, warmupMs, durationMs, sessionTimeoutMs);
    List<String> coordExtra = coordArgs.isBlank() ? List.of() : Arrays.asList(coordArgs.trim().split("\\s+"));
    List<Peer> peers = only == null ? List.of(new Peer.ZooKeeper(), new Peer.Coord(coordMain, coordExtra))
        : switch (only) {
          case zookeeper -> List.of(new Peer.ZooKeeper());
          case coord -> List.of(new Peer.Coord(coordMain, coordExtra));
        };
    Servers.Launch launch = Servers.Launch.ofCurrentJvm(Arrays.asList(serverJvmOpts.trim().split("\\s+")),
        readyTimeoutS * 1000L);
    FailoverProbe.Settings failover = new FailoverProbe.Settings(failoverClients, loadOptions.valueBytes(),
        Math.round(failoverSteadyS * 1000), failoverTimeoutS * 1000L, sessionTimeoutMs);
    String command = "drover-bench/run-ensemble-bench " + String.join(" ", spec.commandLine().getParseResult()
        .originalArgs().stream().skip(1).toList());
    EnsembleBench.Plan plan = new EnsembleBench.Plan(servers, load, loadOptions.ratios(), peers,
        new Placement.QuorumTiming(tickTimeMs, initLimit, syncLimit), failover, reps, launch, command.trim());
    EnsembleReport report = new EnsembleBench(plan, System.out).run();
    System.out.println();
    System.out.print(report.consoleTable());
    if (!out.equals("-")) {
      Path path = Path.of(out);
      MarkedSection.rewrite(path, EnsembleReport.START, EnsembleReport.END, report.markdown());
      System.out.println("wrote " + path.toAbsolutePath());
    }
    return 0;
  }
}
