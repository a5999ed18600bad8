package io.drover.it.jepsen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Apache ZooKeeper 3.9 ({@code QuorumPeerMain}) from the test classpath, one JVM per server, each with its own zoo.cfg:
 * its own server line has its real ports (ZooKeeper binds them), the others' lines the proxy ports of its links.
 */
public record ZooKeeperServer() implements ServerKind {
  @Override public String name() { return "zookeeper"; }

  @Override public List<String> jvmArgs(Member me, List<Member> view, Path dataDir) throws IOException {
    Files.createDirectories(dataDir);
    Files.writeString(dataDir.resolve("myid"), me.id() + "\n");
    Path cfg = dataDir.resolve("zoo.cfg");
    Files.writeString(cfg, zooCfg(me, view, dataDir));
    return List.of("-Xmx256m", "-XX:+UseSerialGC", "-Dzookeeper.admin.enableServer=false",
        "-Dzookeeper.4lw.commands.whitelist=*", "-Dzookeeper.cnxTimeout=1000",
        "-Dlogback.configurationFile=" + ServerKind.logConfig(),
        "-cp", System.getProperty("java.class.path"), "org.apache.zookeeper.server.quorum.QuorumPeerMain", cfg.toString());
  }

  static String zooCfg(Member me, List<Member> view, Path dataDir) {
    List<String> lines = new ArrayList<>(List.of(
        "tickTime=" + ServerKind.TICK.toMillis(),
        "initLimit=20",
        "syncLimit=5",
        "dataDir=" + dataDir,
        "clientPort=" + me.clientPort(),
        "clientPortAddress=127.0.0.1",
        "maxClientCnxns=0",
        "admin.enableServer=false",
        "4lw.commands.whitelist=*",
        "reconfigEnabled=false",
        "standaloneEnabled=false"));
    if (me.observer()) lines.add("peerType=observer");
    for (Member m : view) lines.add("server." + m.id() + "=" + m.peerAddress());
    return String.join("\n", lines) + "\n";
  }
}
