package io.drover.master.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.master.api.operator.MasterIdentity;
import io.drover.master.api.operator.OperatorApi;
import io.drover.master.api.operator.OperatorReply;
import io.drover.master.api.v1.ApiJson;
import io.drover.master.cluster.Command;
import io.drover.master.cluster.Effect;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1} (operator API, answered by {@link OperatorApi} on the loop thread), {@code GET /master/state},
 * {@code /master/state-summary}, {@code /master/health}, {@code /master/redirect}, {@code /metrics} and
 * {@code /metrics/snapshot}.
 */
final class OperatorRoutes {
  private static final Logger log = LoggerFactory.getLogger(OperatorRoutes.class);

  private final MasterLoop loop;
  private final Supplier<MasterIdentity> identity;
  private final MasterMetrics metrics;
  private final Leadership leadership;
  private final long heartbeatMs;

  OperatorRoutes(MasterLoop loop, Supplier<MasterIdentity> identity, MasterMetrics metrics, Leadership leadership,
      MasterConfig config) {
    this.loop = loop;
    this.identity = identity;
    this.metrics = metrics;
    this.leadership = leadership;
    this.heartbeatMs = config.frameworkHeartbeat().toMillis();
  }

  void operator(Context ctx) throws Exception {
    if (!Http.requireJson(ctx)) return;
    byte[] body = ctx.bodyAsBytes();
    MasterIdentity id = identity.get();
    OperatorReply reply = Http.await(ctx, loop.call(l -> OperatorApi.handle(body, l.core(), id, l.nowMs())));
    if (reply == null) return;
    switch (reply) {
      case OperatorReply.Ok ok -> json(ctx, ok.body());
      case OperatorReply.Subscribe s -> subscribe(ctx, id);
      case OperatorReply.UpdateWeights w -> {
        if (Http.await(ctx, loop.call(l -> {
          l.updateWeights(w.weights());
          return true;
        })) != null) ctx.status(200);
      }
      case OperatorReply.UpdateQuota q -> {
        if (Http.await(ctx, loop.call(l -> {
          l.updateQuota(q.quotas());
          return true;
        })) != null) ctx.status(200);
      }
      case OperatorReply.MarkAgentGone g -> command(ctx, l -> new Command.MarkAgentGone(g.agentId(), l.nowMs()));
      case OperatorReply.Teardown t -> command(ctx, l -> new Command.Teardown(t.frameworkId(), l.nowMs()));
      case OperatorReply.Failed f -> Http.text(ctx, f.httpStatus(), f.message());
    }
  }

  private void command(Context ctx, Function<MasterLoop, Command> make) throws Exception {
    Optional<Effect.Rejected> rejected = Http.await(ctx, loop.call(l -> l.handle(make.apply(l)).stream()
        .filter(e -> e instanceof Effect.Rejected).map(e -> (Effect.Rejected) e).findFirst()));
    if (rejected == null) return;
    if (rejected.isPresent()) Http.text(ctx, rejected.get().rejection().httpStatus(), rejected.get().message());
    else ctx.status(200);
  }

  private void subscribe(Context ctx, MasterIdentity id) throws Exception {
    Optional<Http.StreamHeaders> streamHeaders = Http.streamHeaders(ctx);
    if (streamHeaders.isEmpty()) {
      Http.text(ctx, 406, Http.NOT_ACCEPTABLE);
      return;
    }
    EventStream stream = new EventStream(UUID.randomUUID().toString(), EventStream.DEFAULT_CAPACITY);
    Boolean added = Http.await(ctx, loop.call(l -> {
      if (!l.operatorStreams.add(stream)) return false;
      stream.offer(Wire.frame(OperatorApi.subscribed(l.core(), id, l.nowMs())));
      return true;
    }));
    if (added == null) return;
    if (!added) {
      Http.text(ctx, 503, "Too many operator subscribers (at most " + MasterLoop.MAX_OPERATOR_SUBSCRIBERS
          + "); retry later");
      return;
    }
    byte[] heartbeat = Wire.frame(OperatorApi.heartbeat());
    Http.startStream(ctx, streamHeaders.get());
    var res = ctx.res();
    try {
      EventStream.End end = stream.pump(res.getOutputStream(), heartbeatMs, () -> heartbeat);
      log.debug("operator stream ended: {}", end);
    } finally {
      loop.operatorStreams.remove(stream);
    }
  }

  void state(Context ctx) throws Exception {
    MasterIdentity id = identity.get();
    JsonNode state = Http.await(ctx, loop.call(l -> OperatorApi.state(l.core(), id, l.nowMs())));
    if (state != null) json(ctx, state);
  }

  void stateSummary(Context ctx) throws Exception {
    MasterIdentity id = identity.get();
    JsonNode state = Http.await(ctx, loop.call(l -> OperatorApi.stateSummary(l.core(), id, l.nowMs())));
    if (state != null) json(ctx, state);
  }

  void health(Context ctx) { ctx.status(200); }

  void redirect(Context ctx) {
    if (leadership.isLeading()) {
      ctx.status(307).header("Location", Leadership.authority(loop.masterInfo()));
    } else {
      leadership.redirect(ctx, "");
    }
  }

  void metrics(Context ctx) {
    ctx.status(200).contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
  }

  void metricsSnapshot(Context ctx) { json(ctx, metrics.snapshot()); }

  private static void json(Context ctx, JsonNode body) {
    ctx.status(200).contentType(Http.JSON).result(ApiJson.write(body));
  }
}
