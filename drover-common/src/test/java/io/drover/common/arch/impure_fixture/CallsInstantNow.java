package io.drover.common.arch.impure_fixture;

import java.time.Instant;

public final class CallsInstantNow {
  Instant now() { return Instant.now(); }
}
