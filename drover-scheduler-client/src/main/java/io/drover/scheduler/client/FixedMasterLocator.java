package io.drover.scheduler.client;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/** A configured master URL; if it is not the leader, it redirects (307) and the client follows. */
record FixedMasterLocator(URI endpoint) implements MasterLocator {
  FixedMasterLocator {
    Objects.requireNonNull(endpoint, "endpoint");
  }

  @Override public Optional<URI> awaitLeader(long timeoutMs) { return Optional.of(endpoint); }

  @Override public void onLeaderChange(Consumer<Optional<URI>> listener) {} // never changes

  @Override public void close() {}
}
