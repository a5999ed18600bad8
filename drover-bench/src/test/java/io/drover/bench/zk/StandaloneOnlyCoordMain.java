package io.drover.bench.zk;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Stands in for today's {@code io.drover.cli.Main}: a picocli {@code coord} command that knows only the
 * standalone flags, so the ensemble flags fail exactly as the real CLI's would (picocli's "Unknown
 * options", exit 2). Never serves.
 */
@Command(name = "drover", subcommands = StandaloneOnlyCoordMain.Coord.class)
public final class StandaloneOnlyCoordMain {
  public static void main(String[] args) {
    System.exit(new CommandLine(new StandaloneOnlyCoordMain()).execute(args));
  }

  @Command(name = "coord")
  static final class Coord implements Callable<Integer> {
    @Option(names = "--client-port") int clientPort;
    @Option(names = "--data-dir") String dataDir;
    @Option(names = "--metrics-port") int metricsPort;
    @Option(names = "--bind") String bind;
    @Option(names = "--tick-time") int tickTimeMs;

    @Override public Integer call() {
      throw new IllegalStateException("the ensemble test expects the arguments to be rejected");
    }
  }
}
