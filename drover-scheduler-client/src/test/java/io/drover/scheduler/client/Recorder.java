package io.drover.scheduler.client;

import io.drover.master.api.v1.Event;
import io.drover.master.api.v1.Offer;
import io.drover.master.api.v1.OfferID;
import io.drover.master.api.v1.TaskStatus;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** A Scheduler that records every callback, in order, as short strings plus the values. */
final class Recorder implements Scheduler {
  final List<String> log = new CopyOnWriteArrayList<>();
  final List<Event.Subscribed> subscribed = new CopyOnWriteArrayList<>();
  final List<TaskStatus> updates = new CopyOnWriteArrayList<>();
  final List<Offer> offers = new CopyOnWriteArrayList<>();
  final List<String> disconnects = new CopyOnWriteArrayList<>();
  final List<String> errors = new CopyOnWriteArrayList<>();
  volatile BiConsumer<SchedulerClient, TaskStatus> onUpdate = (c, s) -> { };
  /** When set, updates are handled asynchronously: {@link #updateAsync} answers what this gives. */
  volatile Function<TaskStatus, CompletionStage<Void>> asyncUpdate;

  @Override public void subscribed(SchedulerClient client, Event.Subscribed s) {
    subscribed.add(s);
    log.add("subscribed " + s.frameworkId().value());
  }

  @Override public void offers(SchedulerClient client, List<Offer> o) {
    offers.addAll(o);
    log.add("offers " + o.size());
  }

  @Override public void update(SchedulerClient client, TaskStatus status) {
    updates.add(status);
    log.add("update " + status.taskId().value() + " " + status.state());
    onUpdate.accept(client, status);
  }

  @Override public CompletionStage<Void> updateAsync(SchedulerClient client, TaskStatus status) {
    Function<TaskStatus, CompletionStage<Void>> async = asyncUpdate;
    if (async == null) return Scheduler.super.updateAsync(client, status);
    updates.add(status);
    log.add("update " + status.taskId().value() + " " + status.state());
    return async.apply(status);
  }

  @Override public void rescind(SchedulerClient client, OfferID offerId) { log.add("rescind " + offerId.value()); }

  @Override public void heartbeat(SchedulerClient client) { log.add("heartbeat"); }

  @Override public void error(SchedulerClient client, String message) {
    errors.add(message);
    log.add("error " + message);
  }

  @Override public void disconnected(SchedulerClient client, String reason) {
    disconnects.add(reason);
    log.add("disconnected");
  }
}
