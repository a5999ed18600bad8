package io.drover.it.jepsen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which server implementation an {@link Ensemble} runs: Apache ZooKeeper 3.9 or {@code drover coord}. Chosen with
 * {@code -Djepsen.ensemble=zookeeper|coord}.
 */
public sealed interface ServerKind permits ZooKeeperServer, CoordServer {
  String PROPERTY = "jepsen.ensemble";

  /** Tick length used by the servers; timeouts in tests scale with it. */
  Duration TICK = Duration.ofMillis(300);

  String name();

  /**
   * Prepares {@code dataDir} for member {@code me} and returns the JVM arguments (after the java executable) that run
   * it. {@code view} lists every member as {@code me} sees it: itself with its real ports, the others behind proxies.
   */
  List<String> jvmArgs(Member me, List<Member> view, Path dataDir) throws IOException;

  /**
   * The rewrite for the first message on an election link, when the protocol advertises an address the receiver may
   * connect back to: it must advertise {@code replyPort} (the proxy of the reverse link) or partitions leak. Empty when
   * the servers only ever dial the addresses they were configured with.
   */
  Optional<FaultProxy.Handshake> electionHandshake(int replyPort);

  /** The kind named by {@value #PROPERTY}; {@code coord} when unset. */
  static ServerKind fromSystemProperty() {
    String name = System.getProperty(PROPERTY, "coord").trim().toLowerCase(Locale.ROOT);
    return switch (name) {
      case "zookeeper", "zk" -> new ZooKeeperServer();
      case "coord", "drover" -> new CoordServer();
      default -> throw new IllegalArgumentException("-D" + PROPERTY + " must be zookeeper or coord, not " + name);
    };
  }

  /**
   * The logback configuration servers log with, written into {@code dir}: ZooKeeper's quorum lines (elections, leader
   * changes) and Drover's DEBUG lines, for post-mortems in each server's log file.
   */
  static Path logConfig(Path dir) throws IOException {
    Path file = dir.resolve("server-logback.xml");
    if (Files.exists(file)) return file;
    // Servers start in parallel: write aside and move in atomically, so no JVM reads a half-written file.
    Path aside = Files.createTempFile(dir, "server-logback", ".tmp");
    Files.writeString(aside, """
        <configuration>
          <appender name="STDERR" class="ch.qos.logback.core.ConsoleAppender">
            <target>System.err</target>
            <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{0} - %msg%n</pattern></encoder>
          </appender>
          <logger name="io.drover" level="DEBUG"/>
          <logger name="org.apache.zookeeper" level="WARN"/>
          <logger name="org.apache.zookeeper.server.quorum.QuorumPeer" level="INFO"/>
          <logger name="org.apache.zookeeper.server.quorum.FastLeaderElection" level="INFO"/>
          <logger name="org.apache.zookeeper.server.quorum.Leader" level="INFO"/>
          <logger name="org.apache.zookeeper.server.quorum.Learner" level="INFO"/>
          <logger name="io.netty" level="WARN"/>
          <root level="INFO"><appender-ref ref="STDERR"/></root>
        </configuration>
        """);
    Files.move(aside, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return file;
  }
}
