package io.drover.master.cluster;

import java.util.OptionalLong;

/**
 * A framework the core removed (TEARDOWN or failover timeout), as the operator views show it.
 *
 * @param registeredTimeMs when it first subscribed with this master (-1: unknown)
 * @param reregisteredTimeMs when it last resubscribed (-1: never)
 * @param disconnectedTimeMs when it lost its stream before removal (-1: it was connected when removed)
 * @param removedTimeMs when the core removed it
 */
public record CompletedFramework(String id, FrameworkInfo info, long registeredTimeMs, long reregisteredTimeMs,
    long disconnectedTimeMs, long removedTimeMs) {
  public OptionalLong reregistered() {
    return reregisteredTimeMs < 0 ? OptionalLong.empty() : OptionalLong.of(reregisteredTimeMs);
  }

  public OptionalLong disconnected() {
    return disconnectedTimeMs < 0 ? OptionalLong.empty() : OptionalLong.of(disconnectedTimeMs);
  }
}
