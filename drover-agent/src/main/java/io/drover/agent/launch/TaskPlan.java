package io.drover.agent.launch;

import io.drover.agent.containerizer.Command;
import io.drover.agent.containerizer.DockerSpec;
import io.drover.agent.containerizer.PortRange;
import io.drover.agent.fetcher.FetchUri;
import io.drover.agent.health.HealthCheckSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A task the agent can run: everything of a {@code ContainerSpec} but the sandbox path (the edge adds it), plus the
 * health check and kill grace the engine applies.
 *
 * @param env the task's environment followed by the Mesos variables (the Mesos ones win)
 * @param healthHost where HTTP and TCP probes connect ({@code 127.0.0.1})
 * @param healthCheck with the probe's port already translated to the host port for a BRIDGE Docker task
 * @param killGraceMs the task's {@code kill_policy.grace_period}, else the agent's default
 * @param resources the task's resources in Mesos text form
 * @param uris the command's {@code uris}, copied as given (the containerizer's fetcher validates and fetches them)
 */
public record TaskPlan(
    Command command,
    Map<String, String> env,
    Optional<String> user,
    int cpuMillis,
    long memMb,
    List<PortRange> offeredPorts,
    Map<String, String> labels,
    Optional<DockerSpec> docker,
    Optional<HealthCheckSpec> healthCheck,
    String healthHost,
    long killGraceMs,
    String resources,
    List<FetchUri> uris) {
  public TaskPlan {
    uris = List.copyOf(uris);
    env = Map.copyOf(env);
    offeredPorts = List.copyOf(offeredPorts);
    labels = Map.copyOf(labels);
  }
}
