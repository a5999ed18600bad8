package io.drover.cli;

import io.drover.apps.core.CoreConfig;
import io.drover.apps.service.AppsConfig;
import io.drover.apps.service.AppsFramework;
import io.drover.apps.service.AppsService;
import io.drover.master.ha.ZkUrl;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code drover apps}: the Marathon-compatible framework for long-running services. Instances elect a leader under
 * the {@code --zk} path; the leader subscribes to the master as framework {@code marathon}, standbys proxy to it.
 * An instance that gives up leadership (lost ZooKeeper session, {@code DELETE /v2/leader}) exits, as Marathon does,
 * for its supervisor to restart it. Bad flags print one line and exit 64.
 */
@Command(name = "apps", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = Roles.USAGE,
    description = "Run the apps framework: Marathon's REST API v2 on the master's v1 scheduler API, with leader "
        + "election and state in ZooKeeper/coord.")
public final class AppsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--zk", required = true, description = "State and election path: zk://host:port[,host:port...]/drover/apps")
  String zk;

  @Option(names = "--master", required = true, description = "The master: zk://host:port/drover/master (leader detection) or http://host:port")
  String master;

  @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}).")
  String port;

  @Option(names = "--hostname", description = "Hostname advertised to other instances and the master (default: this machine's).")
  String hostname;

  @Option(names = "--http-address", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String httpAddress;

  @Option(names = "--framework-name", defaultValue = AppsConfig.DEFAULT_FRAMEWORK_NAME, description = "Framework name (default: ${DEFAULT-VALUE}).")
  String frameworkName;

  @Option(names = "--mesos-role", defaultValue = "*", description = "Role the framework subscribes with (default: ${DEFAULT-VALUE}).")
  String role;

  @Option(names = "--mesos-user", description = "User tasks run as (default: the user running drover).")
  String mesosUser;

  @Option(names = "--failover-timeout", defaultValue = "604800s", description = "How long the master keeps the framework's tasks without a scheduler (default: ${DEFAULT-VALUE}).")
  String failoverTimeout;

  @Option(names = "--zk-session-timeout", defaultValue = "10s", description = "ZooKeeper session timeout (default: ${DEFAULT-VALUE}).")
  String zkSessionTimeout;

  @Mixin SchedulingOptions scheduling = new SchedulingOptions();

  /** The config from the flags; {@link IllegalArgumentException} with a one-line message if a flag is bad. */
  AppsConfig config() {
    ZkUrl url = ZkUrl.parse(zk);
    int p = Flags.integer("--port", port, 0, 65535);
    Duration failover = Flags.duration("--failover-timeout", failoverTimeout);
    Duration session = Flags.duration("--zk-session-timeout", zkSessionTimeout);
    CoreConfig core = scheduling.coreConfig();
    AppsConfig.Builder b = AppsFramework.configure(AppsConfig.builder(url, master), core)
        .declineOfferDuration(Duration.ofMillis(core.declineOfferDurationMs())).port(p).bindAddress(httpAddress)
        .frameworkName(frameworkName).role(role).failoverTimeout(failover).zkSessionTimeout(session);
    if (hostname != null) {
      if (hostname.isBlank()) throw new IllegalArgumentException("--hostname must not be empty");
      b.hostname(hostname);
    }
    if (mesosUser != null) b.mesosUser(mesosUser);
    return b.build();
  }

  @Override public Integer call() throws Exception {
    AppsConfig config;
    try {
      config = config();
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("drover apps: " + e.getMessage());
      return Roles.USAGE;
    }
    AppsService apps = Roles.startOrExplain("apps", () -> AppsService.start(config));
    if (apps == null) return 1;
    Roles.closeOnShutdown(apps);
    spec.commandLine().getOut().println("apps " + apps.hostPort() + ": listening on " + config.bindAddress() + ":"
        + apps.port() + ", electing under " + config.zk() + ", framework '" + config.frameworkName() + "' on "
        + config.master());
    Exception failure = apps.awaitTermination();
    return failure == null ? 0 : 1;
  }
}
