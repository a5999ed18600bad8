package io.drover.apps.placement;

/**
 * One host port an instance wants, in the order of the app's ports ({@code $PORT0..n}).
 * {@link Dynamic}: any port of the offer (port 0); {@link Fixed}: exactly this port (requirePorts, or a fixed
 * {@code hostPort} in a port mapping); {@link NoHostPort}: a port mapping without a host port (container networks),
 * kept so indices stay aligned.
 */
public sealed interface PortRequest {
  record Dynamic() implements PortRequest {}

  record Fixed(int port) implements PortRequest {
    public Fixed {
      if (port < 1 || port > 65535) throw new IllegalArgumentException("host port out of range: " + port);
    }
  }

  record NoHostPort() implements PortRequest {}

  static PortRequest dynamic() { return new Dynamic(); }

  static PortRequest fixed(int port) { return new Fixed(port); }

  /** 0 = dynamic, otherwise fixed: the shape of Marathon's {@code hostPort}/requirePorts numbers. */
  static PortRequest of(int port) { return port == 0 ? new Dynamic() : new Fixed(port); }
}
