package io.drover.it.jepsen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code drover coord} from the fat jar, one JVM per server: {@code --id N --data-dir DIR --client-port P
 * --peers 1=127.0.0.1:q:e,2=...[,4=127.0.0.1:q:e:observer]}, where its own entry has its real ports and the others the
 * proxy ports of its links.
 */
public record CoordServer() implements ServerKind {
  @Override public String name() { return "coord"; }

  @Override public List<String> jvmArgs(Member me, List<Member> view, Path dataDir) throws IOException {
    Files.createDirectories(dataDir);
    return List.of("-Xmx256m", "-XX:+UseSerialGC", "-Dlogback.configurationFile=" + ServerKind.logConfig(dataDir.getParent()),
        "-jar", droverJar().toString(), "coord",
        "--id", Integer.toString(me.id()),
        "--data-dir", dataDir.toString(),
        "--client-port", Integer.toString(me.clientPort()),
        "--peers", peers(view),
        "--bind", "127.0.0.1",
        "--metrics-port", "0",
        "--tick-time", Long.toString(ServerKind.TICK.toMillis()));
  }

  /**
   * None: {@code drover coord} peers must dial only the addresses given in {@code --peers} (never an address a peer
   * advertises), or the link proxies cannot partition them.
   */
  @Override public Optional<FaultProxy.Handshake> electionHandshake(int replyPort) { return Optional.empty(); }

  static String peers(List<Member> view) {
    return view.stream().map(m -> m.id() + "=" + m.peerAddress()).collect(Collectors.joining(","));
  }

  static Path droverJar() {
    Path jar = Path.of(System.getProperty("drover.jar", "../drover-cli/target/drover.jar")).toAbsolutePath().normalize();
    if (!Files.isRegularFile(jar)) throw new IllegalStateException("the fat jar is missing at " + jar + "; build with ./drover build");
    return jar;
  }
}
