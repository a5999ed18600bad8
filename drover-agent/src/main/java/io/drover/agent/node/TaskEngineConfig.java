package io.drover.agent.node;

import io.drover.agent.containerizer.DockerContainerizer;
import io.drover.agent.containerizer.ProcessContainerizer;
import io.drover.common.random.Rng;
import io.drover.common.time.Clock;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What the {@link TaskEngine} needs. The engine owns the containerizers from {@link TaskEngine#start} on and closes
 * them in {@link TaskEngine#close()} (which leaves their containers running).
 *
 * @param workDir the agent's work directory: sandboxes under {@code slaves/}, checkpoints under {@code meta/}
 * @param hostname the agent's hostname (the tasks' {@code HOST} variable)
 * @param process the process containerizer (always present)
 * @param docker the Docker containerizer, when Docker tasks are enabled (its options hold allowPrivileged)
 * @param defaultKillGraceMs the grace between SIGTERM and SIGKILL when neither the kill nor the task gives one
 */
public record TaskEngineConfig(Path workDir, String hostname, ProcessContainerizer process,
    Optional<DockerContainerizer> docker, Clock clock, Rng rng, long defaultKillGraceMs) {
  public static final long DEFAULT_KILL_GRACE_MS = 3_000;

  public TaskEngineConfig {
    Objects.requireNonNull(workDir, "workDir");
    Objects.requireNonNull(hostname, "hostname");
    Objects.requireNonNull(process, "process");
    Objects.requireNonNull(docker, "docker");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(rng, "rng");
    if (defaultKillGraceMs < 0) {
      throw new IllegalArgumentException("defaultKillGraceMs must not be negative");
    }
  }

  /**
   * The agent's usual setup: cgroups when running as root (parent {@code drover}), Docker when {@code useDocker}
   * (privileged containers only when {@code allowPrivileged}), the system clock, entropy, 3 s kill grace.
   */
  public static TaskEngineConfig of(Path workDir, String hostname, boolean useDocker, boolean allowPrivileged) {
    return new TaskEngineConfig(workDir, hostname,
        new ProcessContainerizer(ProcessContainerizer.CgroupMode.AUTO, "drover"),
        useDocker ? Optional.of(new DockerContainerizer(
            DockerContainerizer.Options.defaults().withAllowPrivileged(allowPrivileged)
                .withOwner(workDir.toAbsolutePath().normalize().toString()))) : Optional.empty(),
        Clock.system(), Rng.fromEntropy(), DEFAULT_KILL_GRACE_MS);
  }
}
