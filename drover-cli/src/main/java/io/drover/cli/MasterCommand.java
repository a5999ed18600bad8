package io.drover.cli;

import io.drover.master.ha.ZkUrl;
import io.drover.master.server.Master;
import io.drover.master.server.MasterConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code drover master}: a resource-manager master (Mesos v1 scheduler, agent and operator APIs). Masters elect a
 * leader under the {@code --zk} path; a master that loses its ZooKeeper session while leading exits with status 1
 * for its supervisor to restart. Bad flags print one line and exit 64.
 */
@Command(name = "master", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = Roles.USAGE,
    description = "Run a master: DRF offers to frameworks over the Mesos v1 HTTP API (JSON only), leader election "
        + "through ZooKeeper/coord.")
public final class MasterCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--zk", required = true, description = "Election and registry path: zk://host:port[,host:port...]/drover/master")
  String zk;

  @Option(names = "--port", defaultValue = "5050", description = "HTTP port (default: ${DEFAULT-VALUE}).")
  String port;

  @Option(names = "--hostname", description = "Hostname advertised to agents and frameworks (default: this machine's).")
  String hostname;

  @Option(names = "--ip", description = "IPv4 address to listen on and advertise (default: listen on all, advertise the first non-loopback address).")
  String ip;

  @Option(names = "--agent-ping-timeout", defaultValue = "15s", description = "Agent ping period/timeout (default: ${DEFAULT-VALUE}).")
  String agentPingTimeout;

  @Option(names = "--max-agent-ping-timeouts", defaultValue = "5", description = "Missed pings before an agent is unreachable (default: ${DEFAULT-VALUE}).")
  String maxAgentPingTimeouts;

  /** The config from the flags; {@link IllegalArgumentException} with a one-line message if a flag is bad. */
  MasterConfig config() {
    ZkUrl url = ZkUrl.parse(zk);
    MasterConfig.Builder b = MasterConfig.builder(url)
        .port(Flags.integer("--port", port, 0, 65535))
        .agentPingTimeout(Flags.duration("--agent-ping-timeout", agentPingTimeout))
        .maxAgentPingTimeouts(Flags.integer("--max-agent-ping-timeouts", maxAgentPingTimeouts, 1, 1_000_000));
    if (hostname != null) {
      if (hostname.isBlank()) throw new IllegalArgumentException("--hostname must not be empty");
      b.hostname(hostname);
    }
    if (ip != null) b.ip(ip);
    return b.build();
  }

  @Override public Integer call() throws Exception {
    MasterConfig config;
    try {
      config = config();
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("drover master: " + e.getMessage());
      return Roles.USAGE;
    }
    Master master = Roles.startOrExplain("master", () -> Master.start(config));
    if (master == null) return 1;
    Roles.closeOnShutdown(master);
    spec.commandLine().getOut().println("master " + master.id() + ": listening on " + config.hostname() + ":"
        + master.port() + ", electing under " + zk);
    Exception failure = master.awaitTermination();
    return failure == null ? 0 : 1;
  }
}
