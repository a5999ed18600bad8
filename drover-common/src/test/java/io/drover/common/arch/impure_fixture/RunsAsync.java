package io.drover.common.arch.impure_fixture;

import java.util.concurrent.CompletableFuture;

public final class RunsAsync {
  CompletableFuture<Integer> later() { return CompletableFuture.supplyAsync(() -> 1); }
}
