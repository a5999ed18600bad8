package io.drover.common.arch.impure_fixture;

public final class SleepsThread {
  void pause() throws InterruptedException { Thread.sleep(10); }
}
