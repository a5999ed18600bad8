package io.drover.common.arch.impure_fixture;

import java.util.Timer;

public final class SchedulesTimer {
  Timer timer() { return new Timer(true); }
}
