package io.drover.cli;

import io.drover.agent.containerizer.DockerContainerizer;
import io.drover.agent.node.Agent;
import io.drover.agent.node.AgentConfig;
import io.drover.agent.node.AgentTasksFactory;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code drover agent}: a node agent that registers with the leading master and runs its tasks. */
@Command(name = "agent", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = Roles.USAGE,
    description = "Run an agent: offers this machine's resources to the masters and runs tasks in Docker or process"
        + " containers.")
public final class AgentCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--master", required = true,
      description = "The masters: zk://host:port[,host:port...]/drover/master (leader detection through ZooKeeper)"
          + " or http://host:port (one master; redirects are followed).")
  String master;

  @Option(names = "--work-dir", required = true, description = "Checkpoints (meta/) and task sandboxes (slaves/).")
  Path workDir;

  @Option(names = "--port", defaultValue = "5051",
      description = "HTTP port for /state and /files (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--ip", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String ip;

  @Option(names = "--hostname", description = "Hostname to advertise (default: this machine's name).")
  String hostname;

  @Option(names = "--resources",
      description = "Total resources, e.g. \"cpus:4;mem:8192;disk:20000;ports:[31000-32000]\"; what is not named is"
          + " detected as Mesos does.")
  String resources;

  @Option(names = "--attributes", description = "Attributes offered with the resources, e.g. \"rack:r1;zone:a\".")
  String attributes;

  @Option(names = "--containerizers", defaultValue = "process",
      description = "Containerizers to use: docker, process or docker,process (default: ${DEFAULT-VALUE}).")
  String containerizers;

  @Option(names = "--allow-privileged", description = "Let Docker tasks run privileged containers.")
  boolean allowPrivileged;

  AgentConfig config() {
    AgentConfig.Builder b = AgentConfig.builder(master, workDir).port(port).bindAddress(ip).resources(resources)
        .attributes(attributes).containerizers(AgentConfig.parseContainerizers(containerizers))
        .allowPrivileged(allowPrivileged);
    if (hostname != null) b.hostname(hostname);
    return b.build();
  }

  /** Why the configured containerizers cannot run here, if they cannot. */
  static Optional<String> containerizerProblem(Set<AgentConfig.ContainerizerType> types, URI dockerHost) {
    if (!types.contains(AgentConfig.ContainerizerType.DOCKER)) return Optional.empty();
    return DockerContainerizer.unavailableReason(dockerHost)
        .map(why -> "--containerizers includes docker, but " + why
            + ". Start Docker (or fix access to its socket), or run with --containerizers process.");
  }

  @Override public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    AgentConfig config;
    try {
      config = config();
    } catch (IllegalArgumentException e) {
      err.println("drover agent: " + e.getMessage());
      return Roles.USAGE;
    }
    Optional<String> problem = containerizerProblem(config.containerizers(), DockerContainerizer.DEFAULT_HOST);
    if (problem.isPresent()) {
      err.println("drover agent: " + problem.get());
      return 1;
    }
    Agent agent = Roles.startOrExplain("agent", () -> Agent.start(config, AgentTasksFactory.taskEngine()));
    if (agent == null) return 1;
    Roles.closeOnShutdown(agent);
    System.out.println("agent: HTTP on port " + agent.port() + " (GET /state), work dir "
        + config.workDir().toAbsolutePath().normalize() + ", master " + config.master());
    Optional<String> failure = agent.awaitTermination();
    failure.ifPresent(why -> err.println("drover agent: stopped: " + why));
    return failure.isPresent() ? 1 : 0;
  }
}
