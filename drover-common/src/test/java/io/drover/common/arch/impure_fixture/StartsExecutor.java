package io.drover.common.arch.impure_fixture;

import java.util.concurrent.Executors;

public final class StartsExecutor {
  void run(Runnable r) { Executors.newSingleThreadExecutor().execute(r); }
}
