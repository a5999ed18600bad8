package io.drover.common.arch.impure_fixture;

public final class ReadsWallClock {
  long now() { return System.currentTimeMillis(); }
}
