package io.drover.common.arch.impure_fixture;

public final class UsesMathRandom {
  double roll() { return Math.random(); }
}
