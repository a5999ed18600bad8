package io.drover.common.arch.impure_fixture;

import java.util.function.LongSupplier;

/** A method reference, not a call: must be caught all the same. */
public final class RefersToNanoTime {
  LongSupplier ticker() { return System::nanoTime; }
}
