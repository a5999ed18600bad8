package io.drover.apps.api.v2;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.apps.model.ErrorBody;
import io.drover.apps.model.PathId;
import io.drover.apps.service.AppsBackend;
import io.drover.common.random.Rng;
import io.drover.common.time.Clock;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marathon's {@code /v2} REST API (apps, tasks, deployments, groups, queue) on a Javalin server, as described in
 * {@code marathon.md} §1. Every handler asks the {@link AppsBackend} of the moment: when there is none (not the
 * leader, core not ready) or it refuses (lost leadership), the answer is 503 {@code {"message": ...}}.
 * Deployment ids are random UUIDs from the {@link Rng}, versions the {@link Clock}'s wall time; both go into the
 * core's commands. Errors are JSON bodies (400 invalid JSON, 404, 409, 422, 503); an unexpected failure is logged
 * and answered with a JSON 500 without a stack trace.
 */
public final class AppsApi {
  private static final Logger log = LoggerFactory.getLogger(AppsApi.class);
  static final String INTERNAL_ERROR = "An unexpected server error occurred; see the apps log";

  private AppsApi() {}

  /**
   * Registers the routes and exception handlers on {@code app} (before it starts).
   *
   * @param backend the current leader's backend, empty when this instance cannot serve (called per request)
   * @param events publishes the API's own events ({@code api_post_event}) on the event bus
   */
  public static void install(Javalin app, Supplier<Optional<AppsBackend>> backend, Clock clock, Rng rng,
      Consumer<JsonNode> events) {
    Edge edge = new Edge(backend, clock, rng, events);
    AppRoutes apps = new AppRoutes(edge);
    TaskRoutes tasks = new TaskRoutes(edge);
    GroupRoutes groups = new GroupRoutes(edge);
    DeploymentRoutes deployments = new DeploymentRoutes(edge);

    app.exception(ApiError.class, (e, ctx) -> Edge.json(ctx, e.status(), e.body()));
    app.exception(HttpResponseException.class, (e, ctx) ->
        Edge.json(ctx, e.getStatus(), ErrorBody.message(e.getMessage()).toJson()));
    app.exception(Exception.class, (e, ctx) -> {
      log.error("unexpected failure in {} {}", ctx.method(), ctx.path(), e);
      Edge.json(ctx, 500, ErrorBody.message(INTERNAL_ERROR).toJson());
    });

    app.get("/v2/apps", apps::list);
    app.post("/v2/apps", apps::create);
    app.put("/v2/apps", ctx -> apps.bulk(ctx, false));
    app.patch("/v2/apps", ctx -> apps.bulk(ctx, true));
    app.get("/v2/apps/<rest>", ctx -> {
      ApiPaths p = paths(ctx);
      switch (p.suffix().size()) {
        case 0 -> apps.show(ctx, p.idSegments());
        case 1 -> {
          if (p.suffix().getFirst().equals("tasks")) tasks.appTasks(ctx, p.id());
          else if (p.suffix().getFirst().equals("versions")) apps.versions(ctx, p.id(), Optional.empty());
          else throw notFound(ctx);
        }
        case 2 -> {
          if (!p.suffix().getFirst().equals("versions")) throw notFound(ctx);
          apps.versions(ctx, p.id(), Optional.of(p.suffix().get(1)));
        }
        default -> throw notFound(ctx);
      }
    });
    app.put("/v2/apps/<rest>", ctx -> apps.replace(ctx, plainId(ctx), false));
    app.patch("/v2/apps/<rest>", ctx -> apps.replace(ctx, plainId(ctx), true));
    app.delete("/v2/apps/<rest>", ctx -> {
      ApiPaths p = paths(ctx);
      if (p.suffix().isEmpty()) apps.delete(ctx, p.id());
      else if (p.suffix().equals(List.of("tasks"))) tasks.kill(ctx, p.id(), Optional.empty());
      else if (p.suffix().size() == 2 && p.suffix().getFirst().equals("tasks")) {
        tasks.kill(ctx, p.id(), Optional.of(p.suffix().get(1)));
      } else throw notFound(ctx);
    });
    app.post("/v2/apps/<rest>", ctx -> {
      ApiPaths p = paths(ctx);
      if (!p.suffix().equals(List.of("restart"))) throw notFound(ctx);
      apps.restart(ctx, p.id());
    });

    app.get("/v2/tasks", tasks::all);
    app.post("/v2/tasks/delete", tasks::delete);

    app.get("/v2/deployments", deployments::list);
    app.delete("/v2/deployments/{id}", ctx -> deployments.cancel(ctx, ctx.pathParam("id")));

    app.get("/v2/groups", ctx -> groups.show(ctx, PathId.ROOT));
    app.post("/v2/groups", groups::create);
    app.put("/v2/groups", ctx -> groups.update(ctx, PathId.ROOT));
    app.delete("/v2/groups", ctx -> groups.delete(ctx, PathId.ROOT));
    app.get("/v2/groups/<rest>", ctx -> {
      List<String> segs = segments(ctx);
      if (!segs.isEmpty() && segs.getLast().equals("versions")) {
        groups.versions(ctx, ApiPaths.id(segs.subList(0, segs.size() - 1)));
      } else {
        groups.show(ctx, ApiPaths.id(segs));
      }
    });
    app.put("/v2/groups/<rest>", ctx -> groups.update(ctx, ApiPaths.id(segments(ctx))));
    app.delete("/v2/groups/<rest>", ctx -> groups.delete(ctx, ApiPaths.id(segments(ctx))));
    app.patch("/v2/groups/<rest>", ctx -> groups.patch(ctx, ApiPaths.id(segments(ctx))));

    app.get("/v2/queue", deployments::queue);
    app.delete("/v2/queue/<rest>", ctx -> {
      List<String> segs = segments(ctx);
      if (segs.size() < 2 || !segs.getLast().equals("delay")) throw notFound(ctx);
      deployments.resetDelay(ctx, ApiPaths.id(segs.subList(0, segs.size() - 1)));
    });
  }

  private static ApiPaths paths(Context ctx) { return ApiPaths.split(ctx.pathParam("rest")); }

  /** The app id of {@code /v2/apps/<id>} for PUT and PATCH, which take no sub-resource. */
  private static PathId plainId(Context ctx) {
    ApiPaths p = paths(ctx);
    if (!p.suffix().isEmpty()) throw notFound(ctx);
    return p.id();
  }

  private static List<String> segments(Context ctx) {
    return List.of(ctx.pathParam("rest").split("/")).stream().filter(s -> !s.isEmpty()).toList();
  }

  private static ApiError notFound(Context ctx) {
    return ApiError.message(404, "Resource not found: " + ctx.method() + " " + ctx.path());
  }
}
