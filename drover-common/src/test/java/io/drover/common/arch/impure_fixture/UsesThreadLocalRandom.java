package io.drover.common.arch.impure_fixture;

import java.util.concurrent.ThreadLocalRandom;

public final class UsesThreadLocalRandom {
  int roll() { return ThreadLocalRandom.current().nextInt(6); }
}
