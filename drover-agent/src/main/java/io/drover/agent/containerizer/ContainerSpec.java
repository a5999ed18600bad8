package io.drover.agent.containerizer;

import io.drover.agent.fetcher.FetchUri;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything a containerizer needs to run one container.
 *
 * @param containerId unique per agent; letters, digits, {@code .}, {@code _} and {@code -} only, at most 200
 *     characters (it becomes a cgroup and a Docker container name)
 * @param sandbox an existing directory; the process runs there, Docker mounts it at {@code /mnt/mesos/sandbox};
 *     {@code stdout} and {@code stderr} files are written there
 * @param command what to run
 * @param env environment variables added for the command
 * @param user run as this user (process: needs root and {@code setpriv}; Docker: {@code --user})
 * @param cpuMillis cpu share in thousandths of a cpu ({@code cpus * 1000}); 0 means no cpu limit
 * @param memMb memory limit in MiB; 0 means no memory limit
 * @param offeredPorts the host ports the task was offered; Docker host ports must lie inside them
 * @param labels task labels; Docker sets them as container labels
 * @param docker present for a Docker container, absent for a plain process
 * @param uris fetched into the sandbox before the container starts (see {@code io.drover.agent.fetcher.Fetcher});
 *     a failed fetch ends the launch with {@link ContainerExit.Reason#REASON_CONTAINER_LAUNCH_FAILED}
 */
public record ContainerSpec(
    String containerId,
    Path sandbox,
    Command command,
    Map<String, String> env,
    Optional<String> user,
    int cpuMillis,
    long memMb,
    List<PortRange> offeredPorts,
    Map<String, String> labels,
    Optional<DockerSpec> docker,
    List<FetchUri> uris) {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

  public ContainerSpec {
    Objects.requireNonNull(containerId, "containerId");
    if (!ID.matcher(containerId).matches()) {
      throw new IllegalArgumentException("container id must match " + ID + ": '" + containerId + "'");
    }
    Objects.requireNonNull(sandbox, "sandbox");
    Objects.requireNonNull(command, "command");
    env = Map.copyOf(env);
    Objects.requireNonNull(user, "user");
    if (cpuMillis < 0 || memMb < 0) {
      throw new IllegalArgumentException("cpuMillis and memMb must be >= 0");
    }
    offeredPorts = List.copyOf(offeredPorts);
    labels = Map.copyOf(labels);
    Objects.requireNonNull(docker, "docker");
    uris = List.copyOf(uris);
  }

  public static Builder builder(String containerId, Path sandbox, Command command) {
    return new Builder(containerId, sandbox, command);
  }

  /** True when {@code port} lies in one of {@link #offeredPorts()}. */
  public boolean isOffered(int port) {
    return offeredPorts.stream().anyMatch(r -> r.contains(port));
  }

  /** Mutable builder; unset fields are empty / zero. */
  public static final class Builder {
    private final String containerId;
    private final Path sandbox;
    private final Command command;
    private final Map<String, String> env = new LinkedHashMap<>();
    private Optional<String> user = Optional.empty();
    private int cpuMillis;
    private long memMb;
    private final List<PortRange> offeredPorts = new ArrayList<>();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private Optional<DockerSpec> docker = Optional.empty();
    private final List<FetchUri> uris = new ArrayList<>();

    private Builder(String containerId, Path sandbox, Command command) {
      this.containerId = containerId;
      this.sandbox = sandbox;
      this.command = command;
    }

    public Builder env(String name, String value) {
      env.put(name, value);
      return this;
    }

    public Builder user(String u) {
      user = Optional.of(u);
      return this;
    }

    public Builder cpuMillis(int c) {
      cpuMillis = c;
      return this;
    }

    public Builder memMb(long m) {
      memMb = m;
      return this;
    }

    public Builder offeredPorts(PortRange r) {
      offeredPorts.add(r);
      return this;
    }

    public Builder label(String key, String value) {
      labels.put(key, value);
      return this;
    }

    public Builder docker(DockerSpec d) {
      docker = Optional.of(d);
      return this;
    }

    public Builder uri(FetchUri u) {
      uris.add(u);
      return this;
    }

    public ContainerSpec build() {
      return new ContainerSpec(containerId, sandbox, command, env, user, cpuMillis, memMb, offeredPorts, labels,
          docker, uris);
    }
  }
}
