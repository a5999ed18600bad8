package io.drover.apps.service;

import io.drover.apps.core.CoreCommand;
import io.drover.apps.core.CoreEffect;
import io.drover.apps.core.CoreViews;
import io.drover.apps.model.AppDefinition;
import io.drover.apps.model.Group;
import io.drover.apps.model.PathId;
import io.drover.apps.model.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * What the {@code /v2} REST API asks of the leading apps instance: the seam between the API routes and the driver
 * that runs {@link io.drover.apps.core.AppsCore} on its loop thread. Both calls run their function ON the core's
 * loop, so a read-modify-write (e.g. "take the current root group, put this app in it, deploy") is atomic.
 */
public interface AppsBackend {

  /** What to do, decided against the current state: run a command, or answer at once (e.g. 404, 422). */
  sealed interface Step permits Run, Answer {}

  record Run(CoreCommand command) implements Step {}

  record Answer(CoreEffect reply) implements Step {}

  /**
   * Decides on the core's loop, runs the command if one was chosen (carrying out its effects: persistence first,
   * then scheduler calls and events), and completes with the reply (the command's last effect, e.g.
   * {@link CoreEffect.Accepted}, {@link CoreEffect.Locked}, {@link CoreEffect.Invalid}, {@link CoreEffect.NotFound}).
   * Fails with {@link IllegalStateException} when this instance is not (or no longer) the leader.
   */
  CompletableFuture<CoreEffect> submit(Function<CoreViews, Step> decide);

  /** Runs {@code query} on the core's loop against the current state. */
  <T> CompletableFuture<T> read(Function<CoreViews, T> query);

  /** The stored versions of app definitions and of the root group, for the API's versions and rollback calls. */
  Versions versions();

  /**
   * Stored versions (Marathon keeps the last 50 of each). Reads go to the store, not the core's loop; a failing store
   * answers {@link IllegalStateException}.
   */
  interface Versions {
    /** The app's stored versions, newest first; empty for an unknown app. */
    List<Timestamp> appVersions(PathId appId);

    Optional<AppDefinition> app(PathId appId, Timestamp version);

    /** The root group's stored versions, newest first. */
    List<Timestamp> rootVersions();

    Optional<Group> root(Timestamp version);
  }
}
