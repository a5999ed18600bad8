package io.drover.apps.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The process's Prometheus registry ({@code GET /metrics}) with its own gauges: {@code marathon_leader} (1 while
 * leading), {@code marathon_http_event_streams_active} ({@code /v2/events} subscribers) and
 * {@code marathon_uptime_seconds}. Modules add their meters through {@link #registry()}.
 */
final class AppsMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  /**
   * @param uptimeMs milliseconds since the process started (monotonic)
   */
  AppsMetrics(BooleanSupplier leader, IntSupplier eventStreams, LongSupplier uptimeMs) {
    Gauge.builder("marathon.leader", () -> leader.getAsBoolean() ? 1 : 0)
        .description("1 while this instance is the elected leader").register(registry);
    Gauge.builder("marathon.http.event-streams.active", eventStreams::getAsInt)
        .description("open /v2/events streams (event bus subscribers)").register(registry);
    Gauge.builder("marathon.uptime", () -> uptimeMs.getAsLong() / 1000.0).baseUnit("seconds")
        .description("time since this process started").register(registry);
  }

  MeterRegistry registry() { return registry; }

  String scrape() { return registry.scrape(); }

  void close() { registry.close(); }
}
