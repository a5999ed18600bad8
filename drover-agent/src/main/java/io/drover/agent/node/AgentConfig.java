package io.drover.agent.node;

import io.drover.common.resources.Attributes;
import io.drover.common.resources.ResourcesFormatException;
import io.drover.common.resources.ResourcesParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The agent's settings, validated: everything {@code drover agent} takes on its command line. Build with
 * {@link #builder(String, Path)}; {@link Builder#build()} rejects bad input with an {@link IllegalArgumentException}
 * whose message names the flag and says what is expected.
 *
 * @param master {@code zk://host:port/drover/master} or {@code http://host:port}
 * @param workDir where checkpoints ({@code meta/}) and sandboxes ({@code slaves/}) live
 * @param port HTTP port; 0 picks a free one (tests)
 * @param bindAddress the address the HTTP server listens on
 * @param hostname advertised hostname; empty: this machine's name
 * @param resources the {@code --resources} text; what it does not name is detected (Mesos rules)
 * @param attributes the {@code --attributes} text, validated
 * @param containerizers which containerizers the engine may use
 * @param allowPrivileged whether Docker tasks may ask for privileged containers
 * @param initialBackoffMs first registration backoff bound (Mesos {@code registration_backoff_factor}, 1 s)
 * @param maxBackoffMs registration backoff cap (1 min)
 */
public record AgentConfig(String master, Path workDir, int port, String bindAddress, Optional<String> hostname,
    Optional<String> resources, Optional<String> attributes, Set<ContainerizerType> containerizers,
    boolean allowPrivileged, long initialBackoffMs, long maxBackoffMs) {
  public static final int DEFAULT_PORT = 5051;

  /** The containerizers an agent can run tasks with ({@code --containerizers docker,process}). */
  public enum ContainerizerType {
    DOCKER, PROCESS;

    /** The flag's spelling. */
    public String flagName() { return name().toLowerCase(Locale.ROOT); }
  }

  public AgentConfig {
    Objects.requireNonNull(master, "master");
    Objects.requireNonNull(workDir, "workDir");
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(hostname, "hostname");
    Objects.requireNonNull(resources, "resources");
    Objects.requireNonNull(attributes, "attributes");
    containerizers = containerizers.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(containerizers));
  }

  /** The sandbox root, {@code <workDir>/slaves}: the only tree {@code /files} serves. */
  public Path sandboxRoot() { return workDir.resolve("slaves"); }

  /** The flags as Mesos' {@code /state} lists them: name to text. */
  public Map<String, String> flags() {
    Map<String, String> flags = new LinkedHashMap<>();
    flags.put("master", master);
    flags.put("work_dir", workDir.toString());
    flags.put("port", Integer.toString(port));
    flags.put("ip", bindAddress);
    hostname.ifPresent(h -> flags.put("hostname", h));
    resources.ifPresent(r -> flags.put("resources", r));
    attributes.ifPresent(a -> flags.put("attributes", a));
    flags.put("containerizers", String.join(",", containerizers.stream().sorted().map(ContainerizerType::flagName)
        .toList()));
    flags.put("docker_allow_privileged", Boolean.toString(allowPrivileged));
    flags.put("registration_backoff_factor", initialBackoffMs + "ms");
    return flags;
  }

  /** The attributes, parsed (validated at build time, so this does not throw). */
  public Attributes parsedAttributes() { return ResourcesParser.parseAttributes(attributes.orElse("")); }

  public static Builder builder(String master, Path workDir) { return new Builder(master, workDir); }

  /** Parses {@code --containerizers} text such as {@code docker,process}. */
  public static Set<ContainerizerType> parseContainerizers(String text) {
    List<ContainerizerType> out = new ArrayList<>();
    for (String part : text.split(",")) {
      String name = part.trim();
      if (name.isEmpty()) continue;
      try {
        out.add(ContainerizerType.valueOf(name.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--containerizers: unknown containerizer '" + name
            + "'; use docker, process or both (docker,process)", e);
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("--containerizers is empty; use docker, process or both (docker,process)");
    }
    return Set.copyOf(out);
  }

  /** Collects and validates the settings. */
  public static final class Builder {
    private final String master;
    private final Path workDir;
    private int port = DEFAULT_PORT;
    private String bindAddress = "0.0.0.0";
    private String hostname;
    private String resources;
    private String attributes;
    private Set<ContainerizerType> containerizers = Set.of(ContainerizerType.PROCESS);
    private boolean allowPrivileged;
    private long initialBackoffMs = MasterLinkSettings.DEFAULT_INITIAL_BACKOFF_MS;
    private long maxBackoffMs = MasterLinkSettings.DEFAULT_MAX_BACKOFF_MS;

    private Builder(String master, Path workDir) {
      this.master = master;
      this.workDir = workDir;
    }

    public Builder port(int port) { this.port = port; return this; }

    public Builder bindAddress(String address) { this.bindAddress = address; return this; }

    public Builder hostname(String hostname) { this.hostname = hostname; return this; }

    public Builder resources(String resources) { this.resources = resources; return this; }

    public Builder attributes(String attributes) { this.attributes = attributes; return this; }

    public Builder containerizers(Set<ContainerizerType> containerizers) {
      this.containerizers = containerizers;
      return this;
    }

    public Builder allowPrivileged(boolean allow) { this.allowPrivileged = allow; return this; }

    /** Registration backoff (tests shorten it). */
    public Builder backoffMs(long initialMs, long maxMs) {
      this.initialBackoffMs = initialMs;
      this.maxBackoffMs = maxMs;
      return this;
    }

    /** @throws IllegalArgumentException naming the bad flag and what it expects */
    public AgentConfig build() {
      if (master == null || master.isBlank()) {
        throw new IllegalArgumentException("--master is required: zk://host:port/drover/master or http://host:port");
      }
      MasterLocator.parse(master).close(); // validates without connecting
      if (workDir == null) throw new IllegalArgumentException("--work-dir is required");
      if (port < 0 || port > 65535) throw new IllegalArgumentException("--port must be 0..65535, not " + port);
      if (hostname != null && hostname.isBlank()) throw new IllegalArgumentException("--hostname is empty");
      if (containerizers == null || containerizers.isEmpty()) {
        throw new IllegalArgumentException("--containerizers is empty; use docker, process or both");
      }
      if (initialBackoffMs < 2 || maxBackoffMs < initialBackoffMs) {
        throw new IllegalArgumentException("backoff must satisfy 2 <= initial <= max, not " + initialBackoffMs + ".."
            + maxBackoffMs + " ms");
      }
      try {
        ResourcesParser.parseResources(resources);
      } catch (ResourcesFormatException e) {
        throw new IllegalArgumentException("--resources: " + e.getMessage()
            + " (expected e.g. \"cpus:4;mem:8192;disk:20000;ports:[31000-32000]\")", e);
      }
      try {
        ResourcesParser.parseAttributes(attributes);
      } catch (ResourcesFormatException e) {
        throw new IllegalArgumentException("--attributes: " + e.getMessage() + " (expected e.g. \"rack:r1;zone:a\")",
            e);
      }
      return new AgentConfig(master.trim(), workDir, port, bindAddress, Optional.ofNullable(hostname),
          Optional.ofNullable(resources).filter(r -> !r.isBlank()),
          Optional.ofNullable(attributes).filter(a -> !a.isBlank()), containerizers, allowPrivileged,
          initialBackoffMs, maxBackoffMs);
    }
  }
}
