package io.drover.it.jepsen;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Apache ZooKeeper 3.9 ({@code QuorumPeerMain}) from the test classpath, one JVM per server, each with its own zoo.cfg:
 * its own server line has its real ports (ZooKeeper binds them), the others' lines the proxy ports of its links.
 */
public record ZooKeeperServer() implements ServerKind {
  private static final int MAX_ADDRESS_BYTES = 4096;

  @Override public String name() { return "zookeeper"; }

  @Override public List<String> jvmArgs(Member me, List<Member> view, Path dataDir) throws IOException {
    Files.createDirectories(dataDir);
    Files.writeString(dataDir.resolve("myid"), me.id() + "\n");
    Path cfg = dataDir.resolve("zoo.cfg");
    Files.writeString(cfg, zooCfg(me, view, dataDir));
    return List.of("-Xmx256m", "-XX:+UseSerialGC", "-Dzookeeper.admin.enableServer=false",
        "-Dzookeeper.4lw.commands.whitelist=*", "-Dzookeeper.cnxTimeout=1000",
        "-Dlogback.configurationFile=" + ServerKind.logConfig(dataDir.getParent()),
        "-cp", System.getProperty("java.class.path"), "org.apache.zookeeper.server.quorum.QuorumPeerMain", cfg.toString());
  }

  /**
   * ZooKeeper's election handshake ({@code QuorumCnxManager}: long protocol version, long sid, int length, the
   * sender's election address(es) as "host:port[|host:port]") advertises the sender's real address, and a receiver
   * with the larger id drops the connection and dials that address back — around the proxies. The rewrite advertises
   * the proxy of the reverse link instead. A non-negative first long is the pre-3.5 format (no address): kept as is.
   */
  @Override public Optional<FaultProxy.Handshake> electionHandshake(int replyPort) {
    return Optional.of(in -> {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      long version = in.readLong();
      out.writeLong(version);
      if (version >= 0) return bytes.toByteArray();
      out.writeLong(in.readLong());
      int length = in.readInt();
      if (length < 0 || length > MAX_ADDRESS_BYTES) throw new IOException("election handshake address of " + length + " bytes");
      in.readFully(new byte[length]);
      byte[] advertised = ("127.0.0.1:" + replyPort).getBytes(StandardCharsets.UTF_8);
      out.writeInt(advertised.length);
      out.write(advertised);
      return bytes.toByteArray();
    });
  }

  static String zooCfg(Member me, List<Member> view, Path dataDir) {
    List<String> lines = new ArrayList<>(List.of(
        "tickTime=" + ServerKind.TICK.toMillis(),
        "initLimit=10",
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
