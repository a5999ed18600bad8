package io.drover.apps.store;

import java.util.Optional;

/**
 * Where writes get their leadership proof. Every write is one ZooKeeper {@code multi} whose first op is
 * {@code check(node, any version)}: the write applies only if the node exists at that moment. The leading instance
 * answers its own ephemeral leader latch node, which ZooKeeper deletes when the instance's session ends or it leaves
 * the election, so a deposed leader that has not noticed yet (GC pause, partition) cannot write.
 *
 * <p>Wiring: {@code Fence fence = election::fencingNode} ({@code io.drover.apps.ha.LeaderElection}).
 */
@FunctionalInterface
public interface Fence {
  /** The absolute path of the znode that exists while this instance leads; empty while it does not lead. */
  Optional<String> fencingNode();

  /** A fence on a fixed znode (tests, tools). */
  static Fence node(String path) {
    if (!path.startsWith("/")) throw new IllegalArgumentException("fencing node must be absolute: " + path);
    return () -> Optional.of(path);
  }
}
