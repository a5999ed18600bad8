package io.drover.apps.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.apps.store.StoreException;
import io.drover.common.json.Json;
import io.drover.master.api.v1.FrameworkID;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process endpoints of marathon.md §1: {@code /ping}, {@code /v2/info}, {@code GET|DELETE /v2/leader},
 * {@code /metrics}. They run only on the leader (standbys forward through the leader proxy).
 */
final class SystemRoutes {
  private static final Logger log = LoggerFactory.getLogger(SystemRoutes.class);
  private static final ObjectMapper JSON = Json.camelCase();
  static final String JSON_TYPE = "application/json; charset=utf-8";
  /** The Marathon release whose API this implements. */
  static final String VERSION = "1.10.17";
  static final String BUILDREF = "drover";
  static final String NO_LEADER = "There is no leader";
  static final String ABDICATED = "Leadership abdicated";

  private final AppsService service;

  SystemRoutes(AppsService service) { this.service = service; }

  void install(Javalin app) {
    app.get("/ping", this::ping);
    app.get("/v2/info", this::info);
    app.get("/v2/leader", this::leader);
    app.delete("/v2/leader", this::abdicate);
    app.get("/metrics", this::metrics);
    app.get("/metrics/prometheus", this::metrics);
  }

  /**
   * Marathon's {@code SystemResource.ping}: JAX-RS variant selection between text/plain (preferred on ties) and
   * application/json; no acceptable variant gives 204.
   */
  void ping(Context ctx) {
    ctx.header("Cache-Control", "must-revalidate,no-cache,no-store");
    switch (PingNegotiation.choose(ctx.header("Accept"))) {
      case TEXT -> ctx.contentType("text/plain").result("pong");
      case JSON -> ctx.contentType("application/json").result("\"pong\"");
      case NONE -> ctx.status(204);
    }
  }

  /** Marathon's {@code InfoResource} (1.10 field set). */
  void info(Context ctx) throws InterruptedException {
    AppsConfig c = service.config();
    ObjectNode out = JSON.createObjectNode();
    out.put("name", "marathon");
    out.put("version", VERSION);
    out.put("buildref", BUILDREF);
    out.put("elected", service.isLeader());
    out.put("leader", service.leadership().leaderHostPort().orElse(null));
    Optional<FrameworkID> fid;
    try {
      fid = service.store().frameworkId().get();
    } catch (StoreException e) {
      log.warn("cannot read the framework id for /v2/info: {}", e.toString());
      fid = Optional.empty();
    }
    out.put("frameworkId", fid.map(FrameworkID::value).orElse(null));
    out.set("marathon_config", marathonConfig(c));
    ObjectNode zk = out.putObject("zookeeper_config");
    zk.put("zk", c.zk().toString());
    zk.put("zk_compression", c.storeLimits().compression());
    zk.put("zk_compression_threshold", c.storeLimits().compressThresholdBytes());
    zk.put("zk_connection_timeout", Math.min(c.zkSessionTimeout().toMillis(), 15_000));
    zk.put("zk_max_node_size", c.storeLimits().maxNodeBytes());
    zk.put("zk_max_versions", c.storeLimits().maxVersions());
    zk.put("zk_session_timeout", c.zkSessionTimeout().toMillis());
    zk.put("zk_timeout", 10_000);
    ObjectNode http = out.putObject("http_config");
    http.put("http_port", service.port());
    http.putNull("https_port"); // Drover serves no HTTPS
    ctx.contentType(JSON_TYPE).result(out.toString());
  }

  private ObjectNode marathonConfig(AppsConfig c) {
    ObjectNode m = JSON.createObjectNode();
    m.putNull("access_control_allow_origin");
    m.put("checkpoint", true);
    m.put("decline_offer_duration", c.declineOfferDuration().toMillis());
    m.putNull("default_network_name");
    m.putNull("env_vars_prefix");
    m.put("executor", "//cmd");
    m.put("failover_timeout", c.failoverTimeout().toSeconds());
    m.putArray("features").add("task_killing");
    m.put("framework_name", c.frameworkName());
    m.put("ha", true);
    m.put("hostname", c.hostname());
    m.put("launch_token", 100);
    m.put("launch_token_refresh_interval", 30_000);
    m.put("leader_proxy_connection_timeout_ms", 5000);
    m.put("leader_proxy_read_timeout_ms", 10_000);
    m.put("local_port_max", 20_000);
    m.put("local_port_min", 10_000);
    m.put("master", redactedMaster(c.master()));
    m.put("max_instances_per_offer", 5);
    m.put("mesos_bridge_name", "mesos-bridge");
    m.put("mesos_heartbeat_failure_threshold", 5);
    m.put("mesos_heartbeat_interval", 15_000);
    m.put("mesos_leader_ui_url", service.mesosLeaderUiUrl().orElse(null));
    m.put("mesos_role", c.role());
    m.put("mesos_user", c.mesosUser());
    m.put("min_revive_offers_interval", 5000);
    m.put("offer_matching_timeout", 3000);
    m.put("on_elected_prepare_timeout", 180_000);
    m.put("reconciliation_initial_delay", 15_000);
    m.put("reconciliation_interval", 600_000);
    m.put("revive_offers_for_new_apps", true);
    m.put("revive_offers_repetitions", 3);
    m.put("scale_apps_initial_delay", 15_000);
    m.put("scale_apps_interval", 300_000);
    m.put("store_cache", true);
    m.put("task_launch_confirm_timeout", 300_000);
    m.put("task_launch_timeout", 300_000);
    m.put("task_lost_expunge_initial_delay", 300_000);
    m.put("task_lost_expunge_interval", 30_000);
    m.put("task_reservation_timeout", 20_000);
    m.putNull("webui_url"); // only when --webui_url is supplied, as in Marathon
    return m;
  }

  /** {@code zk://user:pass@h/p} → {@code zk://user:***@h/p}; http URLs as given. */
  static String redactedMaster(String master) {
    if (!master.startsWith("zk://")) return master;
    try {
      return io.drover.master.ha.ZkUrl.parse(master).toString();
    } catch (IllegalArgumentException e) {
      return master;
    }
  }

  void leader(Context ctx) {
    Optional<String> leader = service.leadership().leaderHostPort();
    ObjectNode out = JSON.createObjectNode();
    if (leader.isEmpty()) {
      ctx.status(404);
      out.put("message", NO_LEADER);
    } else {
      out.put("leader", leader.get());
    }
    ctx.contentType(JSON_TYPE).result(out.toString());
  }

  /**
   * {@code DELETE /v2/leader}: answers {@code {"message":"Leadership abdicated"}} (flushed before anything is torn
   * down), then abdicates; the process exits through the exit action. {@code backup}/{@code restore} are ignored.
   */
  void abdicate(Context ctx) throws IOException {
    if (!service.isLeader()) {
      ctx.status(404).contentType(JSON_TYPE).result(JSON.createObjectNode().put("message", NO_LEADER).toString());
      return;
    }
    byte[] body = JSON.createObjectNode().put("message", ABDICATED).toString().getBytes(StandardCharsets.UTF_8);
    ctx.status(200).contentType(JSON_TYPE);
    ctx.res().setContentLength(body.length);
    OutputStream out = ctx.res().getOutputStream();
    out.write(body);
    out.flush();
    log.warn("leadership abdication requested through DELETE /v2/leader");
    service.abdicate();
  }

  void metrics(Context ctx) {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(service.metrics().scrape());
  }

  /** Which {@code /ping} variant an {@code Accept} header selects. */
  enum PingNegotiation {
    TEXT, JSON, NONE;

    /** Highest quality wins, text/plain on ties; no header means anything. */
    static PingNegotiation choose(String accept) {
      if (accept == null || accept.isBlank()) return TEXT;
      double text = quality(accept, "text", "plain");
      double json = quality(accept, "application", "json");
      if (text <= 0 && json <= 0) return NONE;
      return json > text ? JSON : TEXT;
    }

    /** The q of the most specific range matching {@code type/sub}; 0 if none matches. */
    static double quality(String accept, String type, String sub) {
      int bestSpecificity = -1;
      double q = 0;
      for (String part : accept.split(",")) {
        String[] params = part.trim().toLowerCase(Locale.ROOT).split(";");
        String range = params[0].trim();
        int slash = range.indexOf('/');
        if (slash < 0) continue;
        String t = range.substring(0, slash).trim();
        String s = range.substring(slash + 1).trim();
        int specificity;
        if (t.equals(type) && s.equals(sub)) specificity = 2;
        else if (t.equals(type) && s.equals("*")) specificity = 1;
        else if (t.equals("*") && s.equals("*")) specificity = 0;
        else continue;
        double thisQ = 1;
        for (int i = 1; i < params.length; i++) {
          String p = params[i].trim();
          if (p.startsWith("q=")) {
            try {
              thisQ = Double.parseDouble(p.substring(2).trim());
            } catch (NumberFormatException e) {
              thisQ = 0; // a malformed q makes the range unusable, as in JAX-RS
            }
          }
        }
        if (specificity > bestSpecificity) {
          bestSpecificity = specificity;
          q = thisQ;
        }
      }
      return q;
    }
  }
}
