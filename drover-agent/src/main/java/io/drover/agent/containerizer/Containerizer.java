package io.drover.agent.containerizer;

import java.util.Optional;
import java.util.Set;

/**
 * Runs containers for the agent. Implementations are thread-safe; all methods return promptly (work that waits
 * on the machine happens on the implementation's own threads). Closing a containerizer releases its threads and
 * connections but leaves running containers alone (they are recovered or cleaned up by the next agent).
 */
public interface Containerizer extends AutoCloseable {

  /**
   * Starts a container for {@code spec}, after fetching its {@link ContainerSpec#uris()} into the sandbox (off the
   * caller's thread). Problems of the spec (ports not offered, privileged not allowed, unknown parameters:
   * {@link ContainerExit.Reason#REASON_TASK_INVALID}) and of the machine (a URI that cannot be fetched, missing
   * image, failed pull, spawn or cgroup failure: {@link ContainerExit.Reason#REASON_CONTAINER_LAUNCH_FAILED}) are not
   * thrown: they end the returned handle as described in {@link ContainerHandle}.
   *
   * @throws IllegalStateException if a container with this id is still known to this containerizer, or after close
   */
  ContainerHandle launch(ContainerSpec spec);

  /**
   * Asks the container to stop: SIGTERM now (to the whole process group / the container's init), SIGKILL once
   * {@code gracePeriodMs} has passed if it is still running. The exit then has {@code killed=true}. Calling it
   * again, or while launching, is allowed (a container killed while launching ends without running, or is
   * stopped as soon as it has started).
   *
   * @return false if no such container is known (never launched or already ended)
   */
  boolean kill(String containerId, long gracePeriodMs);

  /** The handle of a container launched and not yet ended, for waiting on its exit. */
  Optional<ContainerHandle> handle(String containerId);

  /** Ids of the containers launched and not yet ended. */
  Set<String> list();

  @Override
  void close();
}
