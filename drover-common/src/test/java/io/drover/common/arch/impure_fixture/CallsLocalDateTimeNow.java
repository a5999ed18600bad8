package io.drover.common.arch.impure_fixture;

import java.time.LocalDateTime;

public final class CallsLocalDateTimeNow {
  LocalDateTime now() { return LocalDateTime.now(); }
}
