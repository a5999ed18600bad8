package io.drover.apps.model;

import java.util.Optional;

/**
 * A health check. HTTP, HTTPS and TCP are "Marathon" checks (run by the framework); MESOS_HTTP, MESOS_HTTPS,
 * MESOS_TCP and COMMAND are "Mesos" checks (run on the agent). {@code portIndex} indexes the app's port
 * definitions or port mappings; {@code port} overrides it.
 */
public record HealthCheck(Protocol protocol, Optional<String> path, Optional<Integer> portIndex,
    Optional<Integer> port, Optional<String> command, long gracePeriodSeconds, long intervalSeconds,
    long timeoutSeconds, int maxConsecutiveFailures, long delaySeconds, boolean ignoreHttp1xx, String ipProtocol) {

  /** Health check protocols. */
  public enum Protocol {
    HTTP, HTTPS, TCP, COMMAND, MESOS_HTTP, MESOS_HTTPS, MESOS_TCP;

    /** Checks run by the agent (Mesos checks). */
    public boolean isMesos() { return this == COMMAND || this == MESOS_HTTP || this == MESOS_HTTPS || this == MESOS_TCP; }
  }

  /** An HTTP check on port index 0 with Marathon's defaults (300/60/20/3, delay 15). */
  public static HealthCheck http(String path) {
    return new HealthCheck(Protocol.HTTP, Optional.of(path), Optional.of(0), Optional.empty(), Optional.empty(),
        300, 60, 20, 3, 15, false, "IPv4");
  }

  public HealthCheck withPortIndex(Optional<Integer> idx) {
    return new HealthCheck(protocol, path, idx, port, command, gracePeriodSeconds, intervalSeconds, timeoutSeconds,
        maxConsecutiveFailures, delaySeconds, ignoreHttp1xx, ipProtocol);
  }
}
