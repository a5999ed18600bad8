package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code drover apps} flag handling: bad flags give one line and exit 64, before anything starts. */
class AppsCommandTest {
  @Test void badFlagsExit64WithOneLine() {
    String zk = "zk://127.0.0.1:2181/drover/apps";
    String master = "zk://127.0.0.1:2181/drover/master";
    String[][] cases = {
        {"apps", "--zk", "http://h:2181/drover/apps", "--master", master},
        {"apps", "--zk", zk, "--master", "127.0.0.1:5050"},
        {"apps", "--zk", zk, "--master", master, "--port", "70000"},
        {"apps", "--zk", zk, "--master", master, "--port", "http"},
        {"apps", "--zk", zk, "--master", master, "--hostname", ""},
        {"apps", "--zk", zk, "--master", master, "--zk-session-timeout", "soon"},
        {"apps", "--zk", zk, "--master", master, "--failover-timeout", "-1s"},
    };
    for (String[] args : cases) {
      Cli.Result r = Cli.run(args);
      assertThat(r.code()).as(String.join(" ", args)).isEqualTo(64);
      assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
      assertThat(r.err()).startsWith("drover apps: ");
    }
  }

  @Test void missingZkOrMasterIsAUsageError() {
    assertThat(Cli.run("apps", "--master", "http://m:5050").code()).isEqualTo(64);
    assertThat(Cli.run("apps", "--zk", "zk://127.0.0.1:2181/drover/apps").code()).isEqualTo(64);
  }

  @Test void schedulingFlagsAreChecked() {
    for (String[] bad : new String[][] {{"--max-running-deployments", "0"}, {"--launch-tokens", "0"},
        {"--launch-token-refresh-interval", "soon"}, {"--max-instances-per-offer", "-1"},
        {"--decline-offer-duration", "x"}}) {
      Cli.Result r = Cli.run("apps", "--zk", "zk://127.0.0.1:2181/drover/apps", "--master", "http://m:5050", bad[0],
          bad[1]);
      assertThat(r.code()).as(String.join(" ", bad)).isEqualTo(64);
      assertThat(r.err()).contains(bad[0]);
    }
  }

  @Test void goodFlagsMakeTheConfig() {
    AppsCommand c = new AppsCommand();
    c.zk = "zk://127.0.0.1:2181/drover/apps";
    c.master = "http://127.0.0.1:5050";
    c.port = "0";
    c.hostname = "apps1";
    c.httpAddress = "127.0.0.1";
    c.frameworkName = "marathon";
    c.role = "*";
    c.failoverTimeout = "604800s";
    c.zkSessionTimeout = "10s";
    c.scheduling.maxRunningDeployments = "100";
    c.scheduling.launchTokens = "500";
    c.scheduling.launchTokenRefreshInterval = "5s";
    c.scheduling.maxInstancesPerOffer = "20";
    c.scheduling.declineOfferDuration = "60s";
    var config = c.config();
    assertThat(config.zk().path()).isEqualTo("/drover/apps");
    assertThat(config.hostname()).isEqualTo("apps1");
    assertThat(config.failoverTimeout().toSeconds()).isEqualTo(604800);
    assertThat(config.declineOfferDuration().toSeconds()).isEqualTo(60);
    var core = c.scheduling.coreConfig();
    assertThat(core.launchTokens()).isEqualTo(500);
    assertThat(core.launchTokenRefreshIntervalMs()).isEqualTo(5000);
    assertThat(core.matcher().maxInstancesPerOffer()).isEqualTo(20);
    assertThat(core.maxRunningDeployments()).isEqualTo(100);
  }
}
