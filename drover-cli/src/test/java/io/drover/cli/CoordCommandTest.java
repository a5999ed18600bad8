package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code drover coord} ensemble flags: a bad --peers or --id gives one line and exit 2, before anything starts. */
class CoordCommandTest {
  @Test void badEnsembleFlagsExit2WithOneLine() {
    String peers = "1=127.0.0.1:2888:3888,2=127.0.0.1:2889:3889,3=127.0.0.1:2890:3890";
    String[][] cases = {
        {"coord", "--id", "4", "--peers", peers},
        {"coord", "--peers", peers},
        {"coord", "--id", "1"},
        {"coord", "--id", "1", "--peers", "1=127.0.0.1:2888"},
        {"coord", "--id", "1", "--peers", "1=127.0.0.1:2888:3888,1=127.0.0.1:2889:3889"},
        {"coord", "--id", "1", "--peers", "1=127.0.0.1:2888:3888:observer"},
        {"coord", "--id", "1", "--peers", peers, "--init-limit", "0"},
    };
    for (String[] args : cases) {
      Cli.Result r = Cli.run(args);
      assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
      assertThat(r.err()).startsWith("drover coord: ").doesNotContain("Exception");
    }
    assertThat(Cli.run("coord", "--id", "4", "--peers", peers).err()).contains("--id 4 is not in --peers");
  }
}
