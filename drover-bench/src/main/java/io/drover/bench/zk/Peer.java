package io.drover.bench.zk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A server the benchmark can start as a child JVM: the main class and arguments that follow
 * {@code java <jvm opts> -cp <classpath>}. Both peers run from the bench's own classpath.
 */
public sealed interface Peer permits Peer.ZooKeeper, Peer.Coord {
  /** Short name used on the command line ({@code --only}) and in reports. */
  String name();

  /** Human label for tables. */
  String label();

  /**
   * Returns the arguments after the JVM options: extra system properties, main class, arguments.
   * May write configuration files into {@code workDir} and {@code dataDir}; {@code dataDir} exists and is empty.
   */
  List<String> command(Path workDir, Path dataDir, Placement placement) throws IOException;

  /**
   * Apache ZooKeeper 3.9, fsync on (forceSync=yes is its default, stated explicitly): standalone
   * {@code ZooKeeperServerMain}, or an ensemble member ({@code QuorumPeerMain} with {@code server.N}
   * lines and a {@code myid} file).
   */
  record ZooKeeper() implements Peer {
    @Override public String name() { return "zookeeper"; }

    @Override public String label() { return "ZooKeeper " + org.apache.zookeeper.Version.getVersion().replaceAll("[- ].*", ""); }

    @Override public List<String> command(Path workDir, Path dataDir, Placement placement) throws IOException {
      Path cfg = workDir.resolve("zoo.cfg");
      Files.writeString(cfg, zooCfg(dataDir, placement), StandardCharsets.UTF_8);
      String main = switch (placement) {
        case Placement.Standalone s -> "org.apache.zookeeper.server.ZooKeeperServerMain";
        case Placement.InEnsemble e -> {
          Files.writeString(dataDir.resolve("myid"), e.id() + "\n", StandardCharsets.US_ASCII);
          yield "org.apache.zookeeper.server.quorum.QuorumPeerMain";
        }
      };
      return List.of("-Dzookeeper.admin.enableServer=false", main, cfg.toAbsolutePath().toString());
    }

    /** The zoo.cfg text; an ensemble member's also carries the quorum timeouts and every member's address. */
    static String zooCfg(Path dataDir, Placement placement) {
      List<String> lines = new ArrayList<>();
      int tickTimeMs = switch (placement) {
        case Placement.Standalone s -> 2000;
        case Placement.InEnsemble e -> e.timing().tickTimeMs();
      };
      lines.add("tickTime=" + tickTimeMs);
      lines.add("dataDir=" + dataDir.toAbsolutePath());
      lines.add("clientPort=" + placement.clientPort());
      lines.add("clientPortAddress=127.0.0.1");
      lines.add("forceSync=yes");
      lines.add("maxClientCnxns=0");
      lines.add("4lw.commands.whitelist=*");
      lines.add("admin.enableServer=false");
      if (placement instanceof Placement.InEnsemble e) {
        lines.add("initLimit=" + e.timing().initLimitTicks());
        lines.add("syncLimit=" + e.timing().syncLimitTicks());
        lines.addAll(e.ensemble().zooCfgServerLines());
      }
      return String.join("\n", lines) + "\n";
    }
  }

  /**
   * Drover coord through the CLI. Standalone: {@code <mainClass> coord --client-port P --data-dir D --metrics-port 0}
   * ({@code --metrics-port 0} turns the HTTP metrics endpoint off). Ensemble member:
   * {@code <mainClass> coord --id N --data-dir D --client-port P --peers 1=127.0.0.1:Q1:E1,… --bind 127.0.0.1
   * --metrics-port 0 --tick-time MS --init-limit I --sync-limit S} (the same quorum timing as ZooKeeper's zoo.cfg)
   * followed by {@code ensembleExtraArgs}. The main class is pluggable so a different entry point can be
   * benchmarked without code changes. fsync stays at coord's default (on), as ZooKeeper's.
   */
  record Coord(String mainClass, List<String> ensembleExtraArgs) implements Peer {
    public static final String DEFAULT_MAIN = "io.drover.cli.Main";

    public Coord {
      ensembleExtraArgs = List.copyOf(ensembleExtraArgs);
    }

    public Coord(String mainClass) { this(mainClass, List.of()); }

    @Override public String name() { return "coord"; }

    @Override public String label() { return "coord"; }

    @Override public List<String> command(Path workDir, Path dataDir, Placement placement) {
      return switch (placement) {
        case Placement.Standalone s -> List.of(mainClass, "coord", "--client-port", Integer.toString(s.clientPort()),
            "--data-dir", dataDir.toAbsolutePath().toString(), "--metrics-port", "0");
        case Placement.InEnsemble e -> {
          List<String> args = new ArrayList<>(List.of(mainClass, "coord", "--id", Integer.toString(e.id()),
              "--data-dir", dataDir.toAbsolutePath().toString(), "--client-port", Integer.toString(e.clientPort()),
              "--peers", e.ensemble().peersArgument(), "--bind", Ensemble.HOST, "--metrics-port", "0",
              "--tick-time", Integer.toString(e.timing().tickTimeMs()),
              "--init-limit", Integer.toString(e.timing().initLimitTicks()),
              "--sync-limit", Integer.toString(e.timing().syncLimitTicks())));
          args.addAll(ensembleExtraArgs);
          yield List.copyOf(args);
        }
      };
    }
  }
}
