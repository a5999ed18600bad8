package io.drover.cli;

import io.drover.master.ha.ZkUrl;
import io.drover.master.server.Master;
import io.drover.master.server.MasterConfig;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([a-z]+)");

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
        .port(integer("--port", port, 0, 65535))
        .agentPingTimeout(duration("--agent-ping-timeout", agentPingTimeout))
        .maxAgentPingTimeouts(integer("--max-agent-ping-timeouts", maxAgentPingTimeouts, 1, 1_000_000));
    if (hostname != null) {
      if (hostname.isBlank()) throw new IllegalArgumentException("--hostname must not be empty");
      b.hostname(hostname);
    }
    if (ip != null) b.ip(ip);
    return b.build();
  }

  private static int integer(String flag, String text, int min, int max) {
    try {
      int v = Integer.parseInt(text.trim());
      if (v >= min && v <= max) return v;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(flag + " must be an integer from " + min + " to " + max + ", got '" + text + "'");
  }

  /** {@code 15s}, {@code 200ms}, {@code 1m}, {@code 15secs} (Mesos style) … */
  static Duration duration(String flag, String text) {
    Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (m.matches()) {
      double v = Double.parseDouble(m.group(1));
      Double ms = switch (m.group(2)) {
        case "ms", "msecs" -> v;
        case "s", "sec", "secs" -> v * 1000;
        case "m", "min", "mins" -> v * 60_000;
        case "h", "hr", "hrs" -> v * 3_600_000;
        default -> null;
      };
      if (ms != null && ms >= 1) return Duration.ofMillis(Math.round(ms));
    }
    throw new IllegalArgumentException(flag + " must be a positive duration such as 15s, 500ms or 1m, got '" + text + "'");
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
