package io.drover.apps.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.apps.api.events.Events;
import io.drover.apps.store.StoreException;
import io.drover.apps.store.StoreFencedException;
import io.drover.master.api.v1.Event;
import io.drover.master.api.v1.FrameworkID;
import io.drover.master.api.v1.FrameworkInfo;
import io.drover.master.api.v1.FrameworkInfo.Capability;
import io.drover.master.api.v1.FrameworkInfo.CapabilityType;
import io.drover.master.api.v1.MasterInfo;
import io.drover.master.api.v1.Offer;
import io.drover.master.api.v1.OfferID;
import io.drover.master.api.v1.TaskStatus;
import io.drover.scheduler.client.Scheduler;
import io.drover.scheduler.client.SchedulerClient;
import io.drover.scheduler.client.Termination;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One leadership term's connection to the master: a {@link SchedulerClient} subscribed as the framework (with the
 * stored framework id, if any), the id persisted on every SUBSCRIBED, scheduler events published on the bus
 * ({@code scheduler_registered_event}, {@code scheduler_reregistered_event}, {@code scheduler_disconnected_event},
 * as Marathon's {@code MarathonScheduler}), and every callback handed to the term's {@link SchedulerListener}.
 *
 * <p>A term ends with {@link #stop()} (the client closes; the framework stays registered at the master so the next
 * leader fails it over). It also ends the leadership, through {@code giveUp}, when it cannot go on: the framework
 * id cannot be stored, or the master says the framework is gone (then a stored id of a removed framework is
 * deleted so the next leader registers anew, as Marathon does).
 */
final class LeaderTerm implements Scheduler {
  private static final Logger log = LoggerFactory.getLogger(LeaderTerm.class);
  /** The master's answer to a SUBSCRIBE with the id of a torn-down or timed-out framework. */
  static final String FRAMEWORK_REMOVED = "Framework has been removed";

  private final AppsRuntime runtime;
  private final SchedulerListener listener;
  private final Consumer<String> giveUp;
  private final SchedulerClient client;
  private volatile boolean subscribedOnce;
  private volatile boolean stopped;

  /**
   * @param storedId the framework id loaded from the store, if any
   * @param giveUp ends the leadership with a reason (abdication); called at most from the client's threads
   */
  LeaderTerm(AppsRuntime runtime, SchedulerListener listener, Optional<FrameworkID> storedId,
      Consumer<String> giveUp) {
    this.runtime = runtime;
    this.listener = listener;
    this.giveUp = giveUp;
    this.client = SchedulerClient.builder().master(runtime.config().master())
        .frameworkInfo(frameworkInfo(runtime.config(), storedId.orElse(null), runtime.config().port()))
        .scheduler(this).zkSessionTimeout(runtime.config().zkSessionTimeout()).build();
  }

  /**
   * The FrameworkInfo Marathon 1.10 registers ({@code MarathonSchedulerDriver}): name, user, failover timeout,
   * checkpoint, hostname, {@code webui_url http://host:port}, roles (MULTI_ROLE) and the capabilities PARTITION_AWARE
   * and REGION_AWARE (always), TASK_KILLING_STATE (Marathon: behind {@code --enable_features task_killing}; Drover
   * turns it on) and MULTI_ROLE. GPU_RESOURCES is feature-gated in Marathon and off here.
   */
  static FrameworkInfo frameworkInfo(AppsConfig c, FrameworkID id, int httpPort) {
    List<Capability> capabilities = List.of(new Capability(CapabilityType.PARTITION_AWARE),
        new Capability(CapabilityType.REGION_AWARE), new Capability(CapabilityType.TASK_KILLING_STATE),
        new Capability(CapabilityType.MULTI_ROLE));
    return new FrameworkInfo(c.mesosUser(), c.frameworkName(), id, (double) c.failoverTimeout().toSeconds(), true,
        null, List.of(c.role()), c.hostname(), null, "http://" + c.hostname() + ":" + httpPort, capabilities, null,
        null);
  }

  void start() {
    client.terminated().whenComplete((t, e) -> {
      if (t instanceof Termination.Removed removed && !stopped) onRemoved(removed.message());
    });
    client.start();
  }

  SchedulerClient client() { return client; }

  SchedulerListener listener() { return listener; }

  /** Closes the client (no teardown) and tells the listener. Idempotent. */
  void stop() {
    if (stopped) return;
    stopped = true;
    client.close();
    try {
      listener.stopped();
    } catch (RuntimeException e) {
      log.error("scheduler listener failed on stopped", e);
    }
  }

  private void onRemoved(String message) {
    log.error("the master says the framework is gone: {}", message);
    if (message != null && message.contains(FRAMEWORK_REMOVED)) {
      try {
        runtime.store().frameworkId().delete();
      } catch (StoreException e) {
        log.error("cannot delete the stored id of the removed framework", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    giveUp.accept("framework gone: " + message);
  }

  @Override public void subscribed(SchedulerClient c, Event.Subscribed subscribed) {
    FrameworkID id = subscribed.frameworkId();
    try {
      runtime.store().frameworkId().put(id);
    } catch (StoreFencedException e) {
      log.warn("not storing framework id {}: no longer leading", id.value());
      return;
    } catch (StoreException e) {
      log.error("cannot store framework id {}; giving up leadership", id.value(), e);
      giveUp.accept("cannot store the framework id");
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    boolean reregistered = subscribedOnce;
    subscribedOnce = true;
    String master = Optional.ofNullable(subscribed.masterInfo()).map(MasterInfo::hostname).orElse("");
    ObjectNode event;
    if (reregistered) {
      event = Events.event("scheduler_reregistered_event", runtime.clock().wallMillis());
      // Marathon fills masterId with the master's host name (MarathonScheduler.reregistered).
      event.put("masterId", master);
    } else {
      event = Events.event("scheduler_registered_event", runtime.clock().wallMillis());
      event.put("frameworkId", id.value());
      event.put("master", master);
    }
    runtime.eventBus().publish(event);
    log.info("framework {} {} with master {}", id.value(), reregistered ? "re-registered" : "registered", master);
    listener.subscribed(c, id, reregistered);
  }

  @Override public void offers(SchedulerClient c, List<Offer> offers) { listener.offers(c, offers); }

  /** Only {@link #updateAsync} is called (the client prefers it); this blocking form waits for that stage. */
  @Override public void update(SchedulerClient c, TaskStatus status) {
    updateAsync(c, status).toCompletableFuture().join();
  }

  @Override public CompletionStage<Void> updateAsync(SchedulerClient c, TaskStatus status) {
    return listener.updateAsync(c, status);
  }

  @Override public void rescind(SchedulerClient c, OfferID offerId) { listener.rescind(c, offerId); }

  @Override public void message(SchedulerClient c, Event.Message message) { listener.message(c, message); }

  @Override public void failure(SchedulerClient c, Event.Failure failure) { listener.failure(c, failure); }

  @Override public void error(SchedulerClient c, String message) { log.error("master error: {}", message); }

  @Override public void disconnected(SchedulerClient c, String reason) {
    runtime.eventBus().publish(Events.event("scheduler_disconnected_event", runtime.clock().wallMillis()));
    listener.disconnected(c, reason);
  }
}
