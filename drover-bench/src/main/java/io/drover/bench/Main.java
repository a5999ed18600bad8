package io.drover.bench;

import io.drover.bench.scale.ScaleBenchCommand;
import io.drover.bench.swarm.SwarmBenchCommand;
import io.drover.bench.zk.EnsembleBenchCommand;
import io.drover.bench.zk.LoadGenerator;
import io.drover.bench.zk.LoadOptions;
import io.drover.bench.zk.Peer;
import io.drover.bench.zk.Report;
import io.drover.bench.zk.Servers;
import io.drover.bench.zk.ZkBench;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Benchmark entry point; run through {@code drover-bench/run-zk-bench}, {@code drover-bench/run-ensemble-bench},
 * {@code drover-bench/run-master-bench},
 * {@code drover-bench/run-scale-bench} or {@code drover-bench/run-swarm-bench},
 * never from the test suite.
 */
@Command(name = "drover-bench", mixinStandardHelpOptions = true,
    description = "Drover benchmarks, each run side by side with its peer on this machine.",
    subcommands = {Main.ZkCommand.class, EnsembleBenchCommand.class, MasterBenchCommand.class, ScaleBenchCommand.class, SwarmBenchCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler((e, cmd, parsed) -> {
          // An I/O failure (a server that would not start, a run that failed) is reported by its
          // message, which carries the server's log; anything else is a bug and keeps its trace.
          if (e instanceof java.io.IOException) System.err.println("drover-bench: " + e.getMessage());
          else e.printStackTrace(System.err);
          return 1;
        }).execute(args));
  }

  @Override public void run() { spec.commandLine().usage(System.out); }

  enum Only { zookeeper, coord }

  @Command(name = "zk", mixinStandardHelpOptions = true,
      description = "Same async load against Apache ZooKeeper and coord (fresh child JVMs, fsync on); "
          + "writes ops/s, p50/p99, the coord/ZooKeeper ratio and heap per 100k znodes to --out.")
  static final class ZkCommand implements Callable<Integer> {
    @Option(names = "--clients", defaultValue = "16", description = "client sessions (default ${DEFAULT-VALUE})")
    int clients;
    @Mixin LoadOptions loadOptions;
    @Option(names = "--only", description = "run one server only: zookeeper or coord")
    Only only;
    @Option(names = "--heap-znodes", defaultValue = "100000", description = "znodes for the heap probe; 0 skips it (default ${DEFAULT-VALUE})")
    int heapZnodes;
    @Option(names = "--heap-value-bytes", defaultValue = "100", description = "data per heap-probe znode (default ${DEFAULT-VALUE})")
    int heapValueBytes;
    @Option(names = "--server-jvm-opts", defaultValue = "-Xmx1g -Xms1g -XX:+UseG1GC",
        description = "JVM options for every server child (default ${DEFAULT-VALUE})")
    String serverJvmOpts;
    @Option(names = "--coord-main", defaultValue = Peer.Coord.DEFAULT_MAIN,
        description = "main class run as `<main> coord --client-port P --data-dir D --metrics-port 0` (default ${DEFAULT-VALUE})")
    String coordMain;
    @Option(names = "--ready-timeout-s", defaultValue = "60", description = "wait this long for a server to serve (default ${DEFAULT-VALUE})")
    int readyTimeoutS;
    @Option(names = "--out", defaultValue = "docs/benchmarks.md", description = "document whose zk-bench section is rewritten (default ${DEFAULT-VALUE}); '-' for none")
    String out;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public Integer call() throws Exception {
      LoadGenerator.Settings load = loadOptions.settings(spec, clients, Math.round(loadOptions.warmupS() * 1000),
          Math.round(loadOptions.durationS() * 1000), 30_000);
      List<Peer> peers = only == null ? List.of(new Peer.ZooKeeper(), new Peer.Coord(coordMain))
          : switch (only) {
            case zookeeper -> List.of(new Peer.ZooKeeper());
            case coord -> List.of(new Peer.Coord(coordMain));
          };
      Servers.Launch launch = Servers.Launch.ofCurrentJvm(Arrays.asList(serverJvmOpts.trim().split("\\s+")),
          readyTimeoutS * 1000L);
      String command = "drover-bench/run-zk-bench " + String.join(" ", spec.commandLine().getParseResult().originalArgs()
          .stream().skip(1).toList());
      ZkBench.Plan plan = new ZkBench.Plan(load, loadOptions.ratios(), peers, heapZnodes, heapValueBytes, launch, command.trim());
      Report report = new ZkBench(plan, System.out).run();
      System.out.println();
      System.out.print(report.consoleTable());
      if (!out.equals("-")) {
        Path path = Path.of(out);
        MarkedSection.rewrite(path, MarkedSection.START, MarkedSection.END, report.markdown());
        System.out.println("wrote " + path.toAbsolutePath());
      }
      return 0;
    }
  }
}
