package io.drover.agent.containerizer;

import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import io.drover.agent.containerizer.DockerSpec.Parameter;
import io.drover.agent.containerizer.DockerSpec.PortMapping;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The validated translation of a {@link ContainerSpec} into Docker's create-container settings ({@code docker
 * run} semantics as Mesos' Docker containerizer uses them). {@link #of} refuses what the agent does not allow with
 * an {@link Invalid} whose message says exactly what and why.
 */
record DockerRunConfig(
    String image,
    String name,
    Optional<List<String>> entrypoint,
    List<String> cmd,
    List<String> env,
    Map<String, String> labels,
    Optional<String> user,
    Optional<String> hostname,
    String workingDir,
    List<ExposedPort> exposedPorts,
    HostConfig hostConfig) {

  static final String SANDBOX_MOUNT = "/mnt/mesos/sandbox";
  static final String NAME_PREFIX = "drover-";
  /** Label carrying the container id, so an agent can recognise its containers after a restart. */
  static final String LABEL_CONTAINER_ID = "io.drover.container-id";
  /** {@code docker run} options accepted as {@link Parameter} keys (without the leading dashes). */
  static final Set<String> SUPPORTED_PARAMETERS = new TreeSet<>(
      Set.of("label", "env", "hostname", "user", "workdir", "cap-add", "cap-drop", "add-host", "dns", "shm-size"));

  /** A spec the agent refuses; reported as {@code REASON_TASK_INVALID}. */
  static final class Invalid extends Exception {
    Invalid(String message) {
      super(message);
    }
  }

  static DockerRunConfig of(ContainerSpec spec, boolean allowPrivileged) throws Invalid {
    DockerSpec d = spec.docker().orElseThrow(() -> new Invalid("not a Docker container"));
    if (d.image().isBlank()) {
      throw new Invalid("no Docker image given");
    }
    if (d.privileged() && !allowPrivileged) {
      throw new Invalid("privileged containers are not allowed on this agent");
    }
    if (!d.portMappings().isEmpty() && d.network() != DockerSpec.Network.BRIDGE) {
      throw new Invalid("port mappings need the BRIDGE network, not " + d.network());
    }
    Ports bindings = new Ports();
    List<ExposedPort> exposed = new ArrayList<>();
    for (PortMapping m : d.portMappings()) {
      if (!spec.isOffered(m.hostPort())) {
        throw new Invalid("host port " + m.hostPort() + " is not among the task's offered ports "
            + spec.offeredPorts().stream().map(r -> "[" + r.begin() + "-" + r.end() + "]").toList());
      }
      ExposedPort e = switch (m.protocol()) {
        case TCP -> ExposedPort.tcp(m.containerPort());
        case UDP -> ExposedPort.udp(m.containerPort());
      };
      exposed.add(e);
      bindings.bind(e, Ports.Binding.bindPort(m.hostPort()));
    }

    List<String> env = new ArrayList<>();
    spec.env().forEach((k, v) -> env.add(k + "=" + v));
    env.add("MESOS_SANDBOX=" + SANDBOX_MOUNT);
    env.add("MESOS_CONTAINER_NAME=" + NAME_PREFIX + spec.containerId());
    Map<String, String> labels = new LinkedHashMap<>(spec.labels());
    Optional<String> user = spec.user();
    Optional<String> hostname = Optional.empty();
    String workdir = SANDBOX_MOUNT;
    List<Capability> capAdd = new ArrayList<>();
    List<Capability> capDrop = new ArrayList<>();
    List<String> extraHosts = new ArrayList<>();
    List<String> dns = new ArrayList<>();
    Long shmBytes = null;
    for (Parameter p : d.parameters()) {
      String v = p.value();
      switch (p.key()) {
        case "label" -> {
          String[] kv = keyValue(p);
          labels.put(kv[0], kv[1]);
        }
        case "env" -> env.add(String.join("=", keyValue(p)));
        case "hostname" -> hostname = Optional.of(v);
        case "user" -> user = Optional.of(v);
        case "workdir" -> workdir = v;
        case "cap-add" -> capAdd.add(capability(p));
        case "cap-drop" -> capDrop.add(capability(p));
        case "add-host" -> extraHosts.add(v);
        case "dns" -> dns.add(v);
        case "shm-size" -> shmBytes = bytes(p);
        default -> throw new Invalid("unsupported docker parameter '" + p.key() + "' (supported: "
            + String.join(", ", SUPPORTED_PARAMETERS) + ")");
      }
    }
    labels.put(LABEL_CONTAINER_ID, spec.containerId());

    HostConfig host = HostConfig.newHostConfig()
        .withNetworkMode(switch (d.network()) {
          case HOST -> "host";
          case BRIDGE -> "bridge";
          case NONE -> "none";
        })
        .withBinds(new Bind(spec.sandbox().toAbsolutePath().toString(), new Volume(SANDBOX_MOUNT)))
        .withPrivileged(d.privileged());
    if (!exposed.isEmpty()) {
      host.withPortBindings(bindings);
    }
    if (spec.cpuMillis() > 0) {
      host.withCpuShares((int) Math.max(2, spec.cpuMillis() * 1024L / 1000))
          .withCpuPeriod(Cgroups.CFS_PERIOD_US)
          .withCpuQuota(Math.max(1000, spec.cpuMillis() * Cgroups.CFS_PERIOD_US / 1000));
    }
    if (spec.memMb() > 0) {
      long bytes = spec.memMb() * 1024 * 1024;
      host.withMemory(bytes).withMemorySwap(bytes); // swap equal to memory: no swap beyond the limit
    }
    if (!capAdd.isEmpty()) {
      host.withCapAdd(capAdd.toArray(Capability[]::new));
    }
    if (!capDrop.isEmpty()) {
      host.withCapDrop(capDrop.toArray(Capability[]::new));
    }
    if (!extraHosts.isEmpty()) {
      host.withExtraHosts(extraHosts.toArray(String[]::new));
    }
    if (!dns.isEmpty()) {
      host.withDns(dns);
    }
    if (shmBytes != null) {
      host.withShmSize(shmBytes);
    }

    Optional<List<String>> entrypoint;
    List<String> cmd;
    switch (spec.command()) {
      case Command.Shell s -> {
        entrypoint = Optional.of(List.of("/bin/sh", "-c"));
        cmd = List.of(s.script());
      }
      case Command.Argv a -> {
        entrypoint = Optional.empty();
        cmd = a.argv();
      }
    }
    return new DockerRunConfig(normalizeImage(d.image()), NAME_PREFIX + spec.containerId(), entrypoint, cmd,
        List.copyOf(env), Map.copyOf(labels), user, hostname, workdir, List.copyOf(exposed), host);
  }

  /** Adds {@code :latest} to an image reference without tag or digest. */
  static String normalizeImage(String image) {
    String last = image.substring(image.lastIndexOf('/') + 1);
    return last.contains(":") || last.contains("@") ? image : image + ":latest";
  }

  private static String[] keyValue(Parameter p) throws Invalid {
    int eq = p.value().indexOf('=');
    if (eq <= 0) {
      throw new Invalid("docker parameter '" + p.key() + "' needs KEY=VALUE, got '" + p.value() + "'");
    }
    return new String[] {p.value().substring(0, eq), p.value().substring(eq + 1)};
  }

  private static Capability capability(Parameter p) throws Invalid {
    String name = p.value().toUpperCase(java.util.Locale.ROOT);
    name = name.startsWith("CAP_") ? name.substring(4) : name;
    try {
      return Capability.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new Invalid("docker parameter '" + p.key() + "': unknown capability '" + p.value() + "'");
    }
  }

  private static long bytes(Parameter p) throws Invalid {
    String v = p.value().trim().toLowerCase(java.util.Locale.ROOT);
    long unit = 1;
    if (v.endsWith("k") || v.endsWith("m") || v.endsWith("g")) {
      unit = switch (v.charAt(v.length() - 1)) {
        case 'k' -> 1L << 10;
        case 'm' -> 1L << 20;
        default -> 1L << 30;
      };
      v = v.substring(0, v.length() - 1);
    }
    try {
      return Long.parseLong(v) * unit;
    } catch (NumberFormatException e) {
      throw new Invalid("docker parameter '" + p.key() + "' needs a size like 64m, got '" + p.value() + "'");
    }
  }

  @Override
  public String toString() {
    return "DockerRunConfig[" + name + " " + image + " " + entrypoint.map(List::toString).orElse("") + " " + cmd
        + " labels=" + labels.keySet().stream().sorted().collect(Collectors.joining(",")) + "]";
  }
}
