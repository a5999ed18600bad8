package io.drover.common.arch.impure_fixture;

import java.util.Collections;
import java.util.List;

public final class ShufflesWithoutRandom {
  void shuffle(List<String> xs) { Collections.shuffle(xs); }
}
