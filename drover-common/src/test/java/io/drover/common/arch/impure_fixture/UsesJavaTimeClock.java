package io.drover.common.arch.impure_fixture;

import java.time.Clock;

public final class UsesJavaTimeClock {
  long now() { return Clock.systemUTC().millis(); }
}
