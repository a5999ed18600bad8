package io.drover.apps.ha;

import java.util.Optional;

/** What the HTTP layer needs to know about the election. Implemented by {@link LeaderElection}. */
public interface Leadership {
  /** Whether this instance leads right now (elected, connected, not abdicated). */
  boolean isLeader();

  /**
   * The current leader's {@code host:port} (its latch id), this instance's own when it leads; empty when no leader
   * is known, including while ZooKeeper cannot be asked (the failure is logged). May block on a ZooKeeper read.
   */
  Optional<String> leaderHostPort();
}
