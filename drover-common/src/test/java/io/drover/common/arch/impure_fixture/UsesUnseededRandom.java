package io.drover.common.arch.impure_fixture;

import java.util.Random;

public final class UsesUnseededRandom {
  int roll() { return new Random().nextInt(6); }
}
