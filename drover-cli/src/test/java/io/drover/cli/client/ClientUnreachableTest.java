package io.drover.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.cli.Cli.Result;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** Without anything listening, every client command says what to start and which flag to set, and exits 1. */
class ClientUnreachableTest {
  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test void nothingListeningAtTheAppsApi() throws Exception {
    String url = "http://127.0.0.1:" + freePort();
    for (String[] args : new String[][] {{"app", "list"}, {"queue"}, {"deployment", "list"}, {"leader"},
        {"group", "list"}, {"task", "list"}}) {
      String[] full = java.util.Arrays.copyOf(args, args.length + 2);
      full[args.length] = "--apps";
      full[args.length + 1] = url;
      Result r = TestCluster.runRaw(full);
      assertThat(r.code()).as(String.join(" ", args)).isEqualTo(1);
      assertThat(r.err()).isEqualTo("drover: nothing is listening at " + url + " (the apps API). Start Drover with "
          + "./drover up, or point --apps / DROVER_APPS at it.\n");
    }
  }

  @Test void nothingListeningAtTheMaster() throws Exception {
    String url = "http://127.0.0.1:" + freePort();
    Result r = TestCluster.runRaw("cluster", "--master", url);
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("nothing is listening at " + url + " (the master)")
        .contains("point --master / DROVER_MASTER at it");
  }

  @Test void aBadUrlIsAUsageError() {
    Result r = TestCluster.runRaw("app", "list", "--apps", "http://");
    assertThat(r.code()).isEqualTo(64);
    assertThat(r.err()).contains("is not a URL for the apps API");
  }

  @Test void helpListsTheExitCodes() {
    Result r = TestCluster.runRaw("app", "scale", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("--apps=URL", "--master=URL", "--json", "--no-wait", "--force", "--timeout")
        .contains("Exit codes:").contains("64");
    assertThat(TestCluster.runRaw("--help").out()).contains("app", "group", "deployment", "task", "queue", "leader",
        "cluster", "completion");
  }
}
