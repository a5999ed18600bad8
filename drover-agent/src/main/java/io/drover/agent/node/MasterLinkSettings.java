package io.drover.agent.node;

import java.util.Objects;

/**
 * What the agent tells the master about itself ({@link MasterLink}'s SUBSCRIBE), and the link's timings.
 *
 * @param port the agent's HTTP port (for the master's records and UIs)
 * @param resources total resources, Mesos text form
 * @param attributes attributes, Mesos text form (empty: none)
 * @param initialBackoffMs first registration backoff bound (Mesos: 1 s)
 * @param maxBackoffMs backoff cap (Mesos: 1 min)
 * @param subscribeTimeoutMs how long the master may take to answer SUBSCRIBE and send SUBSCRIBED
 * @param requestTimeoutMs timeout of HEARTBEAT and UPDATE posts
 * @param maxInFlightUpdates bound on concurrent UPDATE posts; more are dropped (the engine retries)
 */
public record MasterLinkSettings(String hostname, int port, String resources, String attributes, String version,
    long initialBackoffMs, long maxBackoffMs, long subscribeTimeoutMs, long requestTimeoutMs,
    int maxInFlightUpdates) {
  public static final long DEFAULT_INITIAL_BACKOFF_MS = 1_000;
  public static final long DEFAULT_MAX_BACKOFF_MS = 60_000;
  public static final long DEFAULT_SUBSCRIBE_TIMEOUT_MS = 15_000;
  public static final long DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
  public static final int DEFAULT_MAX_IN_FLIGHT_UPDATES = 256;

  public MasterLinkSettings {
    Objects.requireNonNull(hostname, "hostname");
    Objects.requireNonNull(resources, "resources");
    attributes = attributes == null ? "" : attributes;
    Objects.requireNonNull(version, "version");
    if (port < 1 || port > 65535) throw new IllegalArgumentException("agent port out of range: " + port);
    if (subscribeTimeoutMs <= 0 || requestTimeoutMs <= 0) throw new IllegalArgumentException("timeouts must be > 0");
    if (maxInFlightUpdates < 1) throw new IllegalArgumentException("maxInFlightUpdates must be >= 1");
  }

  /** Mesos' timings. */
  public static MasterLinkSettings of(String hostname, int port, String resources, String attributes, String version) {
    return new MasterLinkSettings(hostname, port, resources, attributes, version, DEFAULT_INITIAL_BACKOFF_MS,
        DEFAULT_MAX_BACKOFF_MS, DEFAULT_SUBSCRIBE_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS,
        DEFAULT_MAX_IN_FLIGHT_UPDATES);
  }

  public MasterLinkSettings withBackoffMs(long initialMs, long maxMs) {
    return new MasterLinkSettings(hostname, port, resources, attributes, version, initialMs, maxMs, subscribeTimeoutMs,
        requestTimeoutMs, maxInFlightUpdates);
  }

  public MasterLinkSettings withSubscribeTimeoutMs(long timeoutMs) {
    return new MasterLinkSettings(hostname, port, resources, attributes, version, initialBackoffMs, maxBackoffMs,
        timeoutMs, requestTimeoutMs, maxInFlightUpdates);
  }
}
