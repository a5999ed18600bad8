package io.drover.apps.service;

import io.drover.apps.api.events.EventBus;
import io.drover.apps.ha.Leadership;
import io.drover.common.time.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.drover.scheduler.client.SchedulerClient;
import java.util.Optional;

/**
 * What the {@code drover apps} process offers the modules plugged into it (the REST API through
 * {@link AppsConfig.RouteInstaller}, the scheduling core through {@link SchedulerListener}). Implemented by
 * {@link AppsService}; every accessor is valid from the moment route installers run until the service closes.
 */
public interface AppsRuntime {
  AppsConfig config();

  /** Marathon's event bus; what {@code /v2/events} streams. */
  EventBus eventBus();

  /** The state in ZooKeeper; writes succeed only while this instance leads (fenced). */
  AppsStore store();

  /** The election: whether this instance leads, and who does. */
  Leadership leadership();

  /** The scheduler client of the current leadership term; empty on a standby or before election. */
  Optional<SchedulerClient> schedulerClient();

  /** Where modules register their meters; scraped by {@code GET /metrics}. */
  MeterRegistry meterRegistry();

  Clock clock();

  /**
   * The {@code /v2} API's way into the scheduling core of the current leadership term: present while this instance
   * leads and the term's {@link SchedulerListener} is an {@link AppsBackend} (the {@link AppsDriver}); its calls still
   * fail with {@link IllegalStateException} until the core is loaded or once the term ended.
   */
  default java.util.Optional<AppsBackend> backend() { return java.util.Optional.empty(); }

  /**
   * Gives up leadership because the term cannot go on (e.g. a store write failed): the service's exit path with
   * status 1. Does nothing when not leading.
   */
  default void abdicate(String cause) {}
}
