package io.drover.cli;

import io.drover.coord.server.CoordConfig;
import io.drover.coord.server.CoordServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code drover up}: the whole platform on one machine with embedded defaults, state under {@code ./drover-data}.
 * Today that is coord; the master, an agent, apps and lb join it as they are built.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = "Start the whole platform on this machine (state in ./drover-data). Ctrl-C stops it cleanly.")
public final class UpCommand implements Callable<Integer> {
  @Option(names = "--data-dir", defaultValue = "./drover-data", description = "Where every role keeps its state (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--coord-port", defaultValue = "2181", description = "coord's ZooKeeper client port (default: ${DEFAULT-VALUE}).")
  int coordPort;

  @Option(names = "--metrics-port", defaultValue = "7000", description = "coord's Prometheus metrics port; 0 turns it off (default: ${DEFAULT-VALUE}).")
  int metricsPort;

  @Override public Integer call() throws Exception {
    CoordConfig coordConfig = CoordConfig.builder(dataDir.resolve("coord"), coordPort).bindAddress("127.0.0.1")
        .metricsPort(metricsPort).build();
    CoordServer coord = Roles.startOrExplain("up", () -> CoordServer.start(coordConfig));
    if (coord == null) return 1;
    Roles.closeOnShutdown(coord);
    System.out.println("Drover is up (state in " + dataDir.toAbsolutePath().normalize() + "):");
    System.out.println("  coord   zk://127.0.0.1:" + coord.clientPort() + "   (ZooKeeper protocol; try ./drover zk ls /)");
    if (coord.metricsPort() > 0) System.out.println("  metrics http://127.0.0.1:" + coord.metricsPort() + "/metrics");
    System.out.println("Press Ctrl-C to stop.");
    Exception failure = coord.awaitTermination();
    return failure == null ? 0 : 1;
  }
}
