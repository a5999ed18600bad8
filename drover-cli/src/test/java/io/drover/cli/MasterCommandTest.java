package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code drover master} flag handling: bad flags give one line and exit 64, before anything starts. */
class MasterCommandTest {
  @Test void badFlagsExit64WithOneLine() {
    String[][] cases = {
        {"master", "--zk", "http://h:2181/drover/master"},
        {"master", "--zk", "zk://127.0.0.1:2181/drover/master", "--port", "70000"},
        {"master", "--zk", "zk://127.0.0.1:2181/drover/master", "--agent-ping-timeout", "soon"},
        {"master", "--zk", "zk://127.0.0.1:2181/drover/master", "--max-agent-ping-timeouts", "0"},
        {"master", "--zk", "zk://127.0.0.1:2181/drover/master", "--ip", "::1"},
    };
    for (String[] args : cases) {
      Cli.Result r = Cli.run(args);
      assertThat(r.code()).as(String.join(" ", args)).isEqualTo(64);
      assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
      assertThat(r.err()).startsWith("drover master: ");
    }
  }

  @Test void missingZkIsAUsageError() {
    assertThat(Cli.run("master").code()).isEqualTo(64);
  }

  @Test void durations() {
    assertThat(Flags.duration("f", "15s")).isEqualTo(Duration.ofSeconds(15));
    assertThat(Flags.duration("f", "200ms")).isEqualTo(Duration.ofMillis(200));
    assertThat(Flags.duration("f", "10mins")).isEqualTo(Duration.ofMinutes(10));
  }
}
