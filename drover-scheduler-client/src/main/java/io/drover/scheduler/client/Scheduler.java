package io.drover.scheduler.client;

import io.drover.master.api.v1.Event;
import io.drover.master.api.v1.Offer;
import io.drover.master.api.v1.OfferID;
import io.drover.master.api.v1.TaskStatus;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A framework's scheduler: the callbacks of a {@link SchedulerClient}.
 *
 * <p>Contract: all callbacks run on the client's one dispatcher thread, one at a time, in the order the master sent
 * the events; a callback that blocks delays every later event (and the heartbeat watchdog measures what the client
 * <em>received</em>, so a slow callback does not cause a reconnect). Callbacks may make calls on the client; the calls
 * are asynchronous, so waiting on their futures inside a callback is allowed but stalls the stream. An exception
 * thrown by a callback is logged and the next event is delivered; when {@link #update} throws, the update is not
 * acknowledged (the agent will send it again).
 */
public interface Scheduler {
  /**
   * The master accepted the subscription (first time or after a reconnect/failover). Calls can be made from now on.
   * A scheduler that just failed over should reconcile its tasks here (see {@link Reconciler}).
   */
  void subscribed(SchedulerClient client, Event.Subscribed subscribed);

  /** New offers. Each must be accepted or declined (or left to be rescinded). */
  void offers(SchedulerClient client, List<Offer> offers);

  /**
   * A task status update. With auto-acknowledge on, an update carrying a {@code uuid} is acknowledged after this
   * returns normally; without it, the scheduler must call {@link SchedulerClient#acknowledge} for such updates.
   */
  void update(SchedulerClient client, TaskStatus status);

  /**
   * A task status update that the scheduler may finish handling later, e.g. once it has stored it: with
   * auto-acknowledge on, an update carrying a {@code uuid} is acknowledged when the returned stage completes
   * normally (never when it fails: the agent resends). The next events are delivered meanwhile, so a scheduler that
   * persists before acknowledging is not limited to one update per round trip. The default runs
   * {@link #update} and answers a completed stage.
   */
  default CompletionStage<Void> updateAsync(SchedulerClient client, TaskStatus status) {
    update(client, status);
    return CompletableFuture.completedFuture(null);
  }

  /** An offer is no longer valid; using it would fail. */
  default void rescind(SchedulerClient client, OfferID offerId) {}

  /** A message from an executor. */
  default void message(SchedulerClient client, Event.Message message) {}

  /** An executor exited or an agent was removed. */
  default void failure(SchedulerClient client, Event.Failure failure) {}

  /**
   * The master sent an ERROR event, e.g. a refused subscription. The client then reconnects, or stops when the error
   * says the framework is gone (see {@link SchedulerClient}).
   */
  default void error(SchedulerClient client, String message) {}

  /** The subscription ended (stream closed, heartbeats missed, leader changed ...); the client reconnects. */
  default void disconnected(SchedulerClient client, String reason) {}

  default void heartbeat(SchedulerClient client) {}

  /** Events this interface has no method for (inverse offers, operation status updates, unknown types). */
  default void other(SchedulerClient client, Event event) {}
}
