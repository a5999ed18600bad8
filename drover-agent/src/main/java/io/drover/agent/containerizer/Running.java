package io.drover.agent.containerizer;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * A container that has started: the agent sends TASK_RUNNING when it sees this.
 *
 * @param containerId the spec's container id
 * @param pid the host pid of the main process (process containers; for Docker the container's init pid)
 * @param dockerId the Docker container id (Docker containers only)
 */
public record Running(String containerId, OptionalLong pid, Optional<String> dockerId) {}
