package io.drover.coord.server;

import io.javalin.Javalin;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.ToDoubleFunction;

/** Prometheus metrics at {@code GET /metrics}, read from the figures the loop publishes. */
final class MetricsHttp implements AutoCloseable {
  /** Pass as the metrics port to bind any free port (tests). */
  static final int EPHEMERAL = -1;

  private final Javalin app;

  private MetricsHttp(Javalin app) { this.app = app; }

  static MetricsHttp start(CoordConfig config, CoordLoop loop) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ServerStats stats = loop.stats;
    gauge(registry, "zk_znode_count", "znodes in the tree", stats, s -> s.published.nodeCount());
    gauge(registry, "zk_approximate_data_size", "bytes of paths and data", stats, s -> s.published.dataSize());
    gauge(registry, "zk_ephemerals_count", "ephemeral znodes", stats, s -> s.published.ephemerals());
    gauge(registry, "zk_watch_count", "watches set", stats, s -> s.published.watches());
    gauge(registry, "zk_global_sessions", "live sessions", stats, s -> s.published.sessions());
    gauge(registry, "zk_num_alive_connections", "open client connections", stats, s -> s.published.connections());
    gauge(registry, "zk_outstanding_requests", "requests waiting for a reply", stats, s -> s.published.outstanding());
    gauge(registry, "zk_pending_txns", "txns waiting for fsync", stats, s -> s.published.inFlight());
    gauge(registry, "zk_avg_latency", "average request latency in ms", stats, s -> s.published.avgLatencyMs());
    gauge(registry, "zk_max_latency", "maximum request latency in ms", stats, s -> s.published.maxLatencyMs());
    gauge(registry, "zk_last_zxid", "last applied zxid", stats, s -> s.published.lastZxid());
    FunctionCounter.builder("zk_packets_received", stats, ServerStats::packetsReceived).register(registry);
    FunctionCounter.builder("zk_packets_sent", stats, ServerStats::packetsSent).register(registry);
    int port = config.metricsPort() == EPHEMERAL ? 0 : config.metricsPort();
    Javalin app = Javalin.create(c -> c.showJavalinBanner = false)
        .get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape()))
        .start(config.bindAddress(), port);
    return new MetricsHttp(app);
  }

  private static void gauge(PrometheusMeterRegistry r, String name, String help, ServerStats s, ToDoubleFunction<ServerStats> f) {
    Gauge.builder(name, s, f).description(help).register(r);
  }

  int port() { return app.port(); }

  @Override public void close() { app.stop(); }
}
