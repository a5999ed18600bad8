package io.drover.common.arch.impure_fixture;

import java.util.concurrent.TimeUnit;

public final class SleepsTimeUnit {
  void pause() throws InterruptedException { TimeUnit.MILLISECONDS.sleep(10); }
}
