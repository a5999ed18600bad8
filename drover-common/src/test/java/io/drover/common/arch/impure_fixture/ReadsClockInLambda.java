package io.drover.common.arch.impure_fixture;

import java.util.function.LongSupplier;

public final class ReadsClockInLambda {
  LongSupplier ticker() { return () -> System.nanoTime() / 1000; }
}
