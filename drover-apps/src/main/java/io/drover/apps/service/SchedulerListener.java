package io.drover.apps.service;

import io.drover.master.api.v1.Event;
import io.drover.master.api.v1.FrameworkID;
import io.drover.master.api.v1.Offer;
import io.drover.master.api.v1.OfferID;
import io.drover.master.api.v1.TaskStatus;
import io.drover.scheduler.client.SchedulerClient;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The scheduling core's view of the master during one leadership term. {@link AppsService} makes one listener per
 * term ({@link AppsConfig#schedulerListeners()}), when elected and before subscribing, and feeds it the events of
 * that term's {@link SchedulerClient}; after the term it calls {@link #stopped()} and never again.
 *
 * <p>Threading (from {@link io.drover.scheduler.client.Scheduler}): the event callbacks run on the client's one
 * dispatcher thread, in the master's order; a slow callback delays later events. Status updates are acknowledged
 * automatically once the stage {@link #updateAsync} answers completes normally (not when it fails: the agent
 * resends).
 *
 * <p>Before the listener sees {@link #subscribed}, the service has stored the framework id (fenced by leadership) and
 * published {@code scheduler_registered_event} / {@code scheduler_reregistered_event}.
 */
public interface SchedulerListener {
  /**
   * The subscription is active: the first SUBSCRIBED of the term ({@code reregistered} false) or again after a
   * reconnect ({@code reregistered} true). Reconcile here.
   */
  void subscribed(SchedulerClient client, FrameworkID frameworkId, boolean reregistered);

  /** Each offer must be accepted or declined (or left to be rescinded). */
  void offers(SchedulerClient client, List<Offer> offers);

  /**
   * As {@link io.drover.scheduler.client.Scheduler#updateAsync}: the update is acknowledged when the stage completes
   * normally, and later events are delivered meanwhile.
   */
  CompletionStage<Void> updateAsync(SchedulerClient client, TaskStatus status);

  default void rescind(SchedulerClient client, OfferID offerId) {}

  default void message(SchedulerClient client, Event.Message message) {}

  default void failure(SchedulerClient client, Event.Failure failure) {}

  /** The subscription ended; the client reconnects by itself. */
  default void disconnected(SchedulerClient client, String reason) {}

  /**
   * The term is over (deposed, abdicated or closed): the client is closed already (the framework is not torn down).
   * Release everything; no callback follows. Runs on the service's leadership thread.
   */
  default void stopped() {}
}
