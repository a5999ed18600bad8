package io.drover.agent.health;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a health check probes: the {@code http}, {@code tcp} or {@code command} part of {@code mesos.v1.HealthCheck}.
 * The host is not part of the spec (Mesos resolves it, normally to 127.0.0.1); the agent supplies it to the probe.
 */
public sealed interface ProbeSpec {
  /** {@code mesos.v1.HealthCheck.Type}. */
  enum Type { COMMAND, HTTP, TCP }

  Type type();

  /**
   * GET {@code scheme://host:port/path}; healthy iff the status is 200–399, as Mesos' default executors decide.
   * {@code statuses} is the proto's field, kept for fidelity; like Mesos' built-in executors, Drover ignores it.
   */
  record Http(String scheme, int port, String path, List<Integer> statuses) implements ProbeSpec {
    public Http {
      scheme = scheme == null || scheme.isEmpty() ? "http" : scheme;
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new IllegalArgumentException("health check scheme must be http or https, got '" + scheme + "'");
      }
      checkPort(port);
      path = path == null || path.isEmpty() ? "/" : path.startsWith("/") ? path : "/" + path;
      statuses = statuses == null ? List.of() : List.copyOf(statuses);
    }

    public static Http of(int port, String path) { return new Http("http", port, path, List.of()); }

    @Override public Type type() { return Type.HTTP; }

    /** Whether an HTTP status code counts as healthy. */
    public static boolean isHealthyStatus(int status) { return status >= 200 && status <= 399; }
  }

  /** Healthy iff a TCP connection to {@code host:port} is established within the timeout. */
  record Tcp(int port) implements ProbeSpec {
    public Tcp { checkPort(port); }

    @Override public Type type() { return Type.TCP; }
  }

  /** Runs {@code /bin/sh -c command} with {@code environment} added; healthy iff it exits 0 within the timeout. */
  record Command(String command, Map<String, String> environment) implements ProbeSpec {
    public Command {
      Objects.requireNonNull(command, "command");
      if (command.isBlank()) throw new IllegalArgumentException("a COMMAND health check needs a command");
      environment = environment == null ? Map.of() : Map.copyOf(environment);
    }

    public static Command of(String command) { return new Command(command, Map.of()); }

    @Override public Type type() { return Type.COMMAND; }
  }

  private static void checkPort(int port) {
    if (port < 1 || port > 65_535) throw new IllegalArgumentException("health check port must be 1-65535, got " + port);
  }
}
