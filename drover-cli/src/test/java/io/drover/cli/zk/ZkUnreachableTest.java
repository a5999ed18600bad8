package io.drover.cli.zk;

import io.drover.cli.Cli;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** With nothing listening, every command gives up after --timeout-ms with one line and exit code 2. */
final class ZkUnreachableTest {
  /** A loopback port that was free a moment ago and has no listener now. */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Test void unreachableServerGivesOneLineAndExitCode2AfterTheTimeout() throws IOException {
    String server = "127.0.0.1:" + closedPort();
    long startNanos = System.nanoTime();

    Cli.Result r = Cli.run("zk", "ls", "/", "--server", server, "--timeout-ms", "700");

    Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
    assertThat(r.code()).isEqualTo(ZkExit.UNREACHABLE);
    assertThat(r.err().strip()).isEqualTo("cannot reach ZooKeeper at " + server + " — start one with ./drover up");
    assertThat(r.out()).isEmpty();
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(700)).isLessThan(Duration.ofSeconds(8));
  }

  @Test void everySubcommandReportsTheSameWay() throws IOException {
    String server = "127.0.0.1:" + closedPort();

    for (String[] args : new String[][] {{"get", "/a"}, {"create", "/a"}, {"watch", "/a"}}) {
      String[] full = new String[args.length + 5];
      full[0] = "zk";
      System.arraycopy(args, 0, full, 1, args.length);
      System.arraycopy(new String[] {"--server", server, "--timeout-ms", "300"}, 0, full, args.length + 1, 4);

      Cli.Result r = Cli.run(full);

      assertThat(r.code()).as(String.join(" ", args)).isEqualTo(ZkExit.UNREACHABLE);
      assertThat(r.err()).contains("cannot reach ZooKeeper at " + server);
    }
  }

  @Test void malformedServerIsAUsageError() {
    Cli.Result r = Cli.run("zk", "ls", "/", "--server", "", "--timeout-ms", "300");

    assertThat(r.code()).isEqualTo(ZkExit.USAGE);
    assertThat(r.err()).contains("invalid --server");
  }
}
