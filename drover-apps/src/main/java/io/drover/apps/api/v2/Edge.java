package io.drover.apps.api.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.apps.core.CoreEffect;
import io.drover.apps.core.CoreViews;
import io.drover.apps.model.AppDefinition;
import io.drover.apps.model.AppJson;
import io.drover.apps.model.ErrorBody;
import io.drover.apps.model.Parsed;
import io.drover.apps.model.TaskJson;
import io.drover.apps.model.Timestamp;
import io.drover.apps.service.AppsBackend;
import io.drover.common.json.Json;
import io.drover.common.random.Rng;
import io.drover.common.time.Clock;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What every route shares: the backend (503 when absent or no longer leading), fresh deployment ids and versions,
 * query parameters, and writing replies. Thread-safe: routes run on Jetty's threads; the {@link Rng} is only used
 * under this object's lock.
 */
final class Edge {
  static final ObjectMapper JSON = Json.camelCase();
  static final String JSON_TYPE = "application/json; charset=utf-8";
  static final String DEPLOYMENT_HEADER = "Marathon-Deployment-Id";
  static final String NOT_READY = "Not the leader, or the apps core is not ready yet; retry later";
  /** How long a request waits for the core's loop (Marathon answers 503 on its internal timeout too). */
  static final long TIMEOUT_MS = 10_000;

  private final Supplier<Optional<AppsBackend>> backend;
  private final Clock clock;
  private final Rng rng;
  private final Consumer<JsonNode> events;

  Edge(Supplier<Optional<AppsBackend>> backend, Clock clock, Rng rng, Consumer<JsonNode> events) {
    this.backend = backend;
    this.clock = clock;
    this.rng = rng;
    this.events = events;
  }

  /**
   * Marathon's {@code api_post_event {clientIp, uri, appDefinition}} after an app was created or updated through
   * {@code POST /v2/apps} or {@code PUT|PATCH /v2/apps/{id}}: {@code appDefinition} is the app as stored.
   */
  void apiPostEvent(Context ctx, AppDefinition app) {
    ObjectNode e = JSON.createObjectNode();
    e.put("clientIp", ctx.ip());
    e.put("uri", ctx.path());
    e.set("appDefinition", AppJson.toJson(app));
    e.put("eventType", "api_post_event");
    e.put("timestamp", newVersion().toString());
    events.accept(e);
  }

  /** A random (version 4) UUID from the injected {@link Rng}. */
  synchronized String newDeploymentId() {
    long msb = (rng.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (rng.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }

  Timestamp newVersion() { return Timestamp.ofEpochMs(clock.wallMillis()); }

  private AppsBackend backend() {
    return backend.get().orElseThrow(() -> ApiError.message(503, NOT_READY));
  }

  /** Runs {@code query} on the core's loop. */
  <T> T read(Function<CoreViews, T> query) { return await(backend().read(query)); }

  /** Reads stored versions (apps, root groups); 503 when this instance cannot read them now. */
  <T> T stored(Function<AppsBackend.Versions, T> query) {
    try {
      return query.apply(backend().versions());
    } catch (IllegalStateException e) {
      throw ApiError.message(503, NOT_READY);
    }
  }

  /**
   * Decides on the core's loop and runs the chosen command; a {@link Outcome.Fail} is thrown as its
   * {@link ApiError} (atomic with the decision: nothing ran).
   */
  CoreEffect submit(Function<CoreViews, Outcome> decide) {
    AtomicReference<ApiError> failed = new AtomicReference<>();
    CoreEffect reply = await(backend().submit(views -> switch (decideSafely(decide, views)) {
      case Outcome.Run r -> new AppsBackend.Run(r.command());
      case Outcome.Fail f -> {
        failed.set(f.error());
        yield new AppsBackend.Answer(new CoreEffect.Done());
      }
    }));
    if (failed.get() != null) throw failed.get();
    return reply;
  }

  private static Outcome decideSafely(Function<CoreViews, Outcome> decide, CoreViews views) {
    try {
      return decide.apply(views);
    } catch (ApiError e) {
      return Outcome.fail(e);
    }
  }

  private static <T> T await(CompletableFuture<T> f) {
    try {
      return f.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiError.message(503, "Interrupted while waiting for the apps core");
    } catch (TimeoutException e) {
      f.cancel(false);
      throw ApiError.message(503, "Timed out waiting for the apps core");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ApiError a) throw a;
      if (cause instanceof IllegalStateException) throw ApiError.message(503, NOT_READY);
      if (cause instanceof RuntimeException r) throw r;
      throw new IllegalStateException("apps core failed", cause);
    }
  }

  /** The value of a parsed body, or 400 (Invalid JSON) / 422 (Object is not valid). */
  static <T> T value(Parsed<T> p) {
    return switch (p) {
      case Parsed.Ok<T> ok -> ok.value();
      case Parsed.InvalidJson<T> e -> throw ApiError.of(400, e.body());
      case Parsed.Invalid<T> e -> throw ApiError.of(422, e.body());
    };
  }

  /** A boolean query parameter: absent gives {@code dflt}; {@code true}/{@code false} in any case; else 400. */
  static boolean flag(Context ctx, String name, boolean dflt) {
    String v = ctx.queryParam(name);
    if (v == null || v.isEmpty()) return dflt;
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw ApiError.message(400, "Query parameter '" + name + "' must be true or false, got '" + v + "'");
    };
  }

  static void json(Context ctx, int status, JsonNode body) {
    ctx.status(status).contentType(JSON_TYPE).result(body.toString());
  }

  /** {@code {"deploymentId", "version"}} with the {@code Marathon-Deployment-Id} header. */
  static void deploymentResult(Context ctx, int status, CoreEffect.Accepted a) {
    ctx.header(DEPLOYMENT_HEADER, a.deploymentId());
    json(ctx, status, JSON.createObjectNode().put("deploymentId", a.deploymentId()).put("version", a.version()));
  }

  /**
   * Writes the core's reply: Accepted as a deployment result with {@code okStatus}, Locked 409, Invalid 422 (400
   * for a message-only body, i.e. a bad task id), NotFound 404, Killed {@code {"tasks": [...]}}, Done
   * {@code okStatus} with no body.
   */
  static void reply(Context ctx, CoreEffect effect, int okStatus) {
    switch (effect) {
      case CoreEffect.Accepted a -> deploymentResult(ctx, okStatus, a);
      case CoreEffect.Locked l -> json(ctx, 409, JSON.valueToTree(l.body()));
      case CoreEffect.Invalid i -> json(ctx, i.body().details().isPresent() ? 422 : 400, i.body().toJson());
      case CoreEffect.NotFound n -> json(ctx, 404, ErrorBody.message(n.message()).toJson());
      case CoreEffect.Forbidden f -> json(ctx, 403, ErrorBody.message(f.message()).toJson());
      case CoreEffect.Killed k -> {
        ObjectNode o = JSON.createObjectNode();
        ArrayNode tasks = o.putArray("tasks");
        k.instances().forEach(i -> tasks.add(TaskJson.write(i)));
        json(ctx, 200, o);
      }
      case CoreEffect.Done d -> ctx.status(okStatus);
      case CoreEffect.Launch x -> unexpected(x);
      case CoreEffect.Decline x -> unexpected(x);
      case CoreEffect.Kill x -> unexpected(x);
      case CoreEffect.Revive x -> unexpected(x);
      case CoreEffect.Suppress x -> unexpected(x);
      case CoreEffect.Reconcile x -> unexpected(x);
      case CoreEffect.PersistGroup x -> unexpected(x);
      case CoreEffect.PersistApp x -> unexpected(x);
      case CoreEffect.PersistDeployment x -> unexpected(x);
      case CoreEffect.DeleteDeployment x -> unexpected(x);
      case CoreEffect.PersistInstance x -> unexpected(x);
      case CoreEffect.DeleteInstance x -> unexpected(x);
      case CoreEffect.PersistTaskFailure x -> unexpected(x);
      case CoreEffect.DeleteTaskFailure x -> unexpected(x);
      case CoreEffect.Publish x -> unexpected(x);
      case CoreEffect.StartReadinessCheck x -> unexpected(x);
      case CoreEffect.StopReadinessCheck x -> unexpected(x);
    }
  }

  private static void unexpected(CoreEffect e) {
    throw new IllegalStateException("not a reply effect: " + e.getClass().getSimpleName());
  }

  /** Whether the client prefers text/plain over JSON (JSON wins ties and an absent header, as in Marathon). */
  static boolean wantsText(Context ctx) {
    String accept = ctx.header("Accept");
    if (accept == null) return false;
    String a = accept.toLowerCase(Locale.ROOT);
    return a.contains("text/plain") && !a.contains("application/json");
  }
}
