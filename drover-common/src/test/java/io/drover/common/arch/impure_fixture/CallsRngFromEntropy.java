package io.drover.common.arch.impure_fixture;

import io.drover.common.random.Rng;

public final class CallsRngFromEntropy {
  long roll() { return Rng.fromEntropy().nextLong(); }
}
