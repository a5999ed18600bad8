package io.drover.apps.model;

import java.util.List;

/** Health check rules of app validation (split out of {@link Validation} to keep files small). */
final class HealthChecks {
  private HealthChecks() {}

  static void validate(AppDefinition app, List<Violation> vs) {
    int ports = app.portCount();
    long mesos = 0;
    long commands = 0;
    long marathon = 0;
    for (int i = 0; i < app.healthChecks().size(); i++) {
      HealthCheck hc = app.healthChecks().get(i);
      String p = "/healthChecks(" + i + ")";
      if (hc.protocol().isMesos()) mesos++;
      else marathon++;
      if (hc.command().isPresent()) commands++;
      if (hc.protocol() == HealthCheck.Protocol.COMMAND && hc.command().isEmpty()) {
        vs.add(Violation.of(p, Validation.COMMAND_NEEDS_COMMAND));
      }
      if (!hc.protocol().isMesos() && !portIndexValid(hc, ports)) {
        vs.add(Violation.of(p, Validation.HEALTH_PORT_INDEX));
      }
      boolean mesosNetworkCheck = hc.protocol() == HealthCheck.Protocol.MESOS_HTTP
          || hc.protocol() == HealthCheck.Protocol.MESOS_HTTPS || hc.protocol() == HealthCheck.Protocol.MESOS_TCP;
      boolean docker = app.container().map(c -> c.type() == Container.Type.DOCKER).orElse(false);
      if (!hc.ipProtocol().equals("IPv4") && !(mesosNetworkCheck && docker)) {
        vs.add(Violation.of(p, "IPv6 can only be used for container type DOCKER and Mesos http/https/tcp health checks"));
      }
      if (hc.ipProtocol().equals("IPv4") || hc.ipProtocol().equals("IPv6")) continue;
      vs.add(Violation.of(p + "/ipProtocol", "error.unknown.enum.literal"));
    }
    // Older Marathon versions accepted several COMMAND checks; only the other Mesos checks are limited to one.
    if (mesos - commands > 1) vs.add(Violation.of("/", Validation.AT_MOST_ONE_MESOS_CHECK));
    // The reference (§2) forbids mixing the kinds: Marathon-run and agent-run checks would disagree on health.
    if (mesos > 0 && marathon > 0) vs.add(Violation.of("/", Validation.NO_MIXED_CHECKS));
  }

  /**
   * Marathon's {@code portIndexIsValid}, applied to HTTP, HTTPS and TCP checks: an explicit index must exist;
   * without one the check needs {@code port} or an app with exactly one port.
   */
  private static boolean portIndexValid(HealthCheck hc, int ports) {
    if (hc.portIndex().isPresent()) return hc.portIndex().get() >= 0 && hc.portIndex().get() < ports;
    return hc.port().isPresent() || ports == 1;
  }
}
