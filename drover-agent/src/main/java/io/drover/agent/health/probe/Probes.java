package io.drover.agent.health.probe;

import io.drover.agent.health.ProbeSpec;

/** Builds the probe for a spec. */
public final class Probes {
  private Probes() {}

  /** The probe for {@code spec}, aimed at {@code host} (usually "127.0.0.1"; a container's IP in bridge mode). */
  public static Probe of(ProbeSpec spec, String host) {
    return switch (spec) {
      case ProbeSpec.Http http -> new HttpProbe(http, host);
      case ProbeSpec.Tcp tcp -> new TcpProbe(host, tcp.port());
      case ProbeSpec.Command cmd -> new CommandProbe(cmd.command(), cmd.environment());
    };
  }
}
