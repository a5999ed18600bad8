package io.drover.bench.zk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
   * May write configuration files into {@code workDir}; {@code dataDir} exists and is empty.
   */
  List<String> command(Path workDir, Path dataDir, int clientPort) throws IOException;

  /** Apache ZooKeeper 3.9 standalone, fsync on (forceSync=yes is its default, stated explicitly). */
  record ZooKeeper() implements Peer {
    @Override public String name() { return "zookeeper"; }

    @Override public String label() { return "ZooKeeper " + org.apache.zookeeper.Version.getVersion().replaceAll("[- ].*", ""); }

    @Override public List<String> command(Path workDir, Path dataDir, int clientPort) throws IOException {
      Path cfg = workDir.resolve("zoo.cfg");
      Files.writeString(cfg, String.join("\n",
          "tickTime=2000",
          "dataDir=" + dataDir.toAbsolutePath(),
          "clientPort=" + clientPort,
          "clientPortAddress=127.0.0.1",
          "forceSync=yes",
          "maxClientCnxns=0",
          "4lw.commands.whitelist=*",
          "admin.enableServer=false",
          ""), StandardCharsets.UTF_8);
      return List.of("-Dzookeeper.admin.enableServer=false",
          "org.apache.zookeeper.server.ZooKeeperServerMain", cfg.toAbsolutePath().toString());
    }
  }

  /**
   * Drover coord through the CLI: {@code <mainClass> coord --client-port P --data-dir D --metrics-port 0}
   * ({@code --metrics-port 0} turns the HTTP metrics endpoint off). The main class is pluggable so a
   * different entry point can be benchmarked without code changes.
   */
  record Coord(String mainClass) implements Peer {
    public static final String DEFAULT_MAIN = "io.drover.cli.Main";

    @Override public String name() { return "coord"; }

    @Override public String label() { return "coord"; }

    @Override public List<String> command(Path workDir, Path dataDir, int clientPort) {
      return List.of(mainClass, "coord", "--client-port", Integer.toString(clientPort),
          "--data-dir", dataDir.toAbsolutePath().toString(), "--metrics-port", "0");
    }
  }
}
