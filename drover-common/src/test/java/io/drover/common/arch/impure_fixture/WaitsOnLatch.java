package io.drover.common.arch.impure_fixture;

import java.util.concurrent.CountDownLatch;

public final class WaitsOnLatch {
  void await(CountDownLatch latch) throws InterruptedException { latch.await(); }
}
