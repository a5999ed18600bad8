package io.drover.common.arch.impure_fixture;

import io.drover.common.time.Clock;

/** Drover's own door to the machine clock: as impure as System.nanoTime. */
public final class CallsSystemClock {
  long now() { return Clock.system().monoNanos(); }
}
