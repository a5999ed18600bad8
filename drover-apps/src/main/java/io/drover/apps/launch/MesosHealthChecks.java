package io.drover.apps.launch;

import io.drover.apps.model.AppDefinition;
import io.drover.apps.model.HealthCheck;
import io.drover.master.api.v1.CommandInfo;
import io.drover.master.api.v1.NetworkInfo;
import java.util.List;
import java.util.Optional;

/**
 * Translates an app health check into the Mesos {@code HealthCheck} Drover's agent runs. Mesos runs at most one per
 * task, so only the app's first health check goes into the TaskInfo (Marathon logs and drops the rest).
 *
 * <p>Marathon runs HTTP, HTTPS and TCP checks itself; Drover runs every kind on the agent (issue 4), so:
 * <ul>
 *   <li>HTTP/HTTPS give type HTTP with scheme {@code http}/{@code https}, TCP gives type TCP, all on the task's
 *       <b>host</b> port ({@code port}, else the host port of {@code portIndex}), as Marathon probes from outside;
 *   <li>MESOS_HTTP/MESOS_HTTPS/MESOS_TCP as Marathon's {@code toMesos}: {@code port}, else the port index's
 *       <b>container</b> port (a mapping's container port, its host port when that is 0), else its host port. (The
 *       agent probes from the host and translates a BRIDGE mapping's container port to its host port.) The
 *       {@code ipProtocol} goes into {@code http.protocol}/{@code tcp.protocol};
 *   <li>COMMAND gives type COMMAND with a shell {@code command.value}.
 * </ul>
 * Timings: {@code interval_seconds}, {@code timeout_seconds}, {@code grace_period_seconds}, {@code delay_seconds}
 * from the check's seconds fields. {@code consecutive_failures}: {@code maxConsecutiveFailures}, except for 0, whose
 * meaning differs by kind (reference §2): Mesos checks (MESOS_*, COMMAND) kill at the first failure, so 0 becomes 1
 * (Drover's agent requires at least 1); Marathon checks (HTTP, HTTPS, TCP) never kill, so 0 becomes
 * {@link Integer#MAX_VALUE} (the agent still reports {@code healthy=false}). With a positive value the agent kills a
 * Marathon-kind check's task too (the framework sees TASK_KILLED with REASON_TASK_HEALTH_CHECK_STATUS_UPDATED).
 *
 * <p>A check whose port index has no port (a container-only mapping for a Marathon check, an index out of range)
 * yields none, as Marathon's {@code toMesos} gives {@code None}.
 */
public final class MesosHealthChecks {
  /** Marathon checks with {@code maxConsecutiveFailures=0} never kill: the agent never reaches this count. */
  public static final int NEVER_KILL = Integer.MAX_VALUE;

  private MesosHealthChecks() {}

  /**
   * The TaskInfo health check for {@code app}'s first health check, if any.
   *
   * @param hostPorts per port index, the task's host port (empty: none)
   * @param containerPorts per port index, the bound container port, -1 for none (host networking)
   */
  public static Optional<io.drover.master.api.v1.HealthCheck> first(AppDefinition app,
      List<Optional<Integer>> hostPorts, List<Integer> containerPorts) {
    if (app.healthChecks().isEmpty()) return Optional.empty();
    return toMesos(app.healthChecks().getFirst(), hostPorts, containerPorts);
  }

  /** One health check translated; empty when its port cannot be resolved. */
  public static Optional<io.drover.master.api.v1.HealthCheck> toMesos(HealthCheck hc,
      List<Optional<Integer>> hostPorts, List<Integer> containerPorts) {
    NetworkInfo.Protocol ip = "IPv6".equals(hc.ipProtocol()) ? NetworkInfo.Protocol.IPv6 : NetworkInfo.Protocol.IPv4;
    return switch (hc.protocol()) {
      case HTTP, HTTPS -> hostPort(hc, hostPorts).map(p -> http(hc, hc.protocol() == HealthCheck.Protocol.HTTPS, ip, p));
      case TCP -> hostPort(hc, hostPorts).map(p -> tcp(hc, ip, p));
      case MESOS_HTTP, MESOS_HTTPS -> mesosPort(hc, hostPorts, containerPorts)
          .map(p -> http(hc, hc.protocol() == HealthCheck.Protocol.MESOS_HTTPS, ip, p));
      case MESOS_TCP -> mesosPort(hc, hostPorts, containerPorts).map(p -> tcp(hc, ip, p));
      case COMMAND -> {
        String value = hc.command().orElseThrow(
            () -> new IllegalArgumentException("a COMMAND health check needs command.value"));
        yield Optional.of(check(hc, io.drover.master.api.v1.HealthCheck.Type.COMMAND, null, null,
            new CommandInfo(null, null, null, value, null, null)));
      }
    };
  }

  /** The agent's {@code consecutive_failures} for a check (see the class comment for 0). */
  public static int consecutiveFailures(HealthCheck hc) {
    if (hc.maxConsecutiveFailures() > 0) return hc.maxConsecutiveFailures();
    return hc.protocol().isMesos() ? 1 : NEVER_KILL;
  }

  private static Optional<Integer> hostPort(HealthCheck hc, List<Optional<Integer>> hostPorts) {
    if (hc.port().isPresent()) return hc.port();
    int idx = hc.portIndex().orElse(0);
    return idx >= 0 && idx < hostPorts.size() ? hostPorts.get(idx) : Optional.empty();
  }

  private static Optional<Integer> mesosPort(HealthCheck hc, List<Optional<Integer>> hostPorts,
      List<Integer> containerPorts) {
    if (hc.port().isPresent()) return hc.port();
    int idx = hc.portIndex().orElse(0);
    if (idx < 0 || idx >= hostPorts.size()) return Optional.empty();
    if (idx < containerPorts.size() && containerPorts.get(idx) >= 0) return Optional.of(containerPorts.get(idx));
    return hostPorts.get(idx);
  }

  private static io.drover.master.api.v1.HealthCheck http(HealthCheck hc, boolean https, NetworkInfo.Protocol ip,
      int port) {
    var info = new io.drover.master.api.v1.HealthCheck.HTTPCheckInfo(ip, https ? "https" : "http", port,
        hc.path().orElse(null), null);
    return check(hc, io.drover.master.api.v1.HealthCheck.Type.HTTP, info, null, null);
  }

  private static io.drover.master.api.v1.HealthCheck tcp(HealthCheck hc, NetworkInfo.Protocol ip, int port) {
    var info = new io.drover.master.api.v1.HealthCheck.TCPCheckInfo(ip, port);
    return check(hc, io.drover.master.api.v1.HealthCheck.Type.TCP, null, info, null);
  }

  private static io.drover.master.api.v1.HealthCheck check(HealthCheck hc, io.drover.master.api.v1.HealthCheck.Type type,
      io.drover.master.api.v1.HealthCheck.HTTPCheckInfo http, io.drover.master.api.v1.HealthCheck.TCPCheckInfo tcp,
      CommandInfo command) {
    return new io.drover.master.api.v1.HealthCheck(type, http, tcp, command, (double) hc.delaySeconds(),
        (double) hc.intervalSeconds(), (double) hc.timeoutSeconds(), consecutiveFailures(hc),
        (double) hc.gracePeriodSeconds());
  }
}
